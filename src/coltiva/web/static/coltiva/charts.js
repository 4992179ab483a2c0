// Draw the review page's charts from the JSON the server embedded (no inline script).
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("chart-data");
    if (!source || !window.Chart) return;
    var data = JSON.parse(source.textContent);
    var palette = ["#2e7d32", "#0d47a1", "#e65100", "#6d4c41", "#6a1b9a"];
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var chart = data[canvas.getAttribute("data-chart")];
      if (!chart) return;
      var type = canvas.getAttribute("data-type") || "bar";
      new window.Chart(canvas, {
        type: type,
        data: {
          labels: chart.labels,
          datasets: chart.series.map(function (s, i) {
            return {
              label: s.label,
              data: s.data,
              backgroundColor: type === "line" ? palette[i] : palette.slice(0, chart.labels.length),
              borderColor: palette[i],
              tension: 0.2
            };
          })
        },
        options: {
          responsive: true,
          animation: false,
          plugins: { legend: { display: chart.series.length > 1 } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
        }
      });
      canvas.setAttribute("data-drawn", "true");
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
