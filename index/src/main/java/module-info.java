/** The Lucene index of analysed messages: writing it, the query language, aggregation and export. */
module dev.mailtrace.index {
  requires transitive dev.mailtrace.analysis;
  requires transitive org.apache.lucene.core;
  requires org.apache.lucene.analysis.common;
  requires org.apache.lucene.queryparser;
  requires org.apache.commons.csv;

  exports dev.mailtrace.export;
  exports dev.mailtrace.index;
  exports dev.mailtrace.search;
}
