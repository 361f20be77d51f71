// Draws every <figure class="chart" data-chart="..."> with Chart.js. The same numbers are in a
// table beside each chart, so a page without scripts loses nothing but the picture.
(function () {
  'use strict';
  if (typeof Chart === 'undefined') {
    return;
  }
  var palette = ['#3366cc', '#dc3912', '#ff9900', '#109618', '#990099', '#0099c6', '#dd4477', '#66aa00', '#b82e2e', '#316395'];
  var figures = document.querySelectorAll('figure.chart[data-chart]');
  for (var f = 0; f < figures.length; f++) {
    var fig = figures[f];
    var spec = JSON.parse(fig.getAttribute('data-chart'));
    var total = 0;
    spec.series.forEach(function (s) { s.values.forEach(function (v) { total += v; }); });
    if (spec.labels.length === 0 || total === 0) {
      fig.classList.add('empty');
      fig.textContent = spec.title + ': nothing to draw';
      continue;
    }
    var doughnut = spec.type === 'doughnut';
    var colors = spec.colors && spec.colors.length ? spec.colors : palette;
    var datasets = spec.series.map(function (s, i) {
      return {
        label: s.name,
        data: s.values,
        backgroundColor: doughnut ? spec.labels.map(function (_, j) { return colors[j % colors.length]; }) : palette[i % palette.length],
        borderWidth: doughnut ? 1 : 0
      };
    });
    var canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', spec.title);
    fig.appendChild(canvas);
    fig.classList.add('drawn');
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: spec.horizontal ? 'y' : 'x',
        plugins: {
          title: { display: true, text: spec.title },
          legend: { display: doughnut || spec.series.length > 1, position: 'bottom' }
        },
        scales: doughnut ? {} : {
          x: { stacked: spec.stacked, beginAtZero: true },
          y: { stacked: spec.stacked, beginAtZero: true }
        }
      }
    });
  }
})();
