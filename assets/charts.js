/* Draws every chart of the page from the plotly spec embedded next to it.
   Loaded with `defer` after plotly-basic.min.js; without JavaScript the data tables remain. */
(function () {
  "use strict";
  if (typeof window.Plotly === "undefined") {
    return;
  }
  var boxes = document.querySelectorAll("[data-chart]");
  Array.prototype.forEach.call(boxes, function (box) {
    var source = document.getElementById(box.getAttribute("data-chart"));
    if (!source) {
      return;
    }
    var spec = JSON.parse(source.textContent);
    box.hidden = false;
    window.Plotly.newPlot(box, spec.data, spec.layout, spec.config);
  });
})();
