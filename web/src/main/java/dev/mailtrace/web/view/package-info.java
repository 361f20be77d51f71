/**
 * What each page of the workbench and the report shows, as values for the templates: search
 * results with facets ({@link dev.mailtrace.web.view.SearchView}), a message ({@link
 * dev.mailtrace.web.view.MessageView}, opened and verified by {@link
 * dev.mailtrace.web.view.OpenedMessage}), its thread and route, and the bounce, route and summary
 * dashboards of a query.
 *
 * <p>Views read the index only through {@link dev.mailtrace.web.backend.SearchBackend}, and message
 * bytes from their sources. They format values for reading ({@link dev.mailtrace.web.view.Display})
 * and build every address one way ({@link dev.mailtrace.web.view.Urls}); they write no HTML, which
 * is the templates' job, so all escaping happens in one place.
 */
package dev.mailtrace.web.view;
