// Draws each chart of the page from the plotly spec embedded next to it, only when it is
// wanted: plotly (data-plotly of this script tag) is fetched and run once the reader has
// scrolled, tapped, pointed or pressed a key, and each chart is drawn as it comes within
// a screen of the viewport, or at once when its button is pressed. Until then the box
// keeps the chart's height (no layout shift) and the caption and data table are already
// there; without JavaScript only the table shows (site.css hides the box).
//
// A classic deferred script, not a module: it finds plotly's address on its own tag
// (document.currentScript), which a module has not.

(() => {
  "use strict";
  const plotlyUrl = document.currentScript?.getAttribute("data-plotly");
  const boxes = [...document.querySelectorAll("[data-chart]")];
  if (!plotlyUrl || !boxes.length) {
    return;
  }
  const FIRST_INTERACTION = ["scroll", "wheel", "touchstart", "pointerdown", "pointermove", "keydown"];
  let queued = [];
  let plotlyRequested = false;

  function withPlotly(callback) {
    if (window.Plotly) {
      callback();
      return;
    }
    queued.push(callback);
    if (plotlyRequested) {
      return;
    }
    plotlyRequested = true;
    const tag = document.createElement("script");
    tag.src = plotlyUrl;
    tag.onload = () => {
      const callbacks = queued;
      queued = [];
      callbacks.forEach((run) => run());
    };
    document.head.appendChild(tag);
  }

  function draw(box) {
    if (box.hasAttribute("data-drawing")) {
      return;
    }
    box.setAttribute("data-drawing", "");
    withPlotly(() => {
      const source = document.getElementById(box.getAttribute("data-chart"));
      if (!source) {
        return;
      }
      const spec = JSON.parse(source.textContent);
      const hadFocus = box.contains(document.activeElement);
      box.textContent = "";
      box.setAttribute("role", "img");
      box.setAttribute("aria-label", box.getAttribute("data-label"));
      window.Plotly.newPlot(box, spec.data, spec.layout, spec.config);
      if (hadFocus) {
        box.tabIndex = -1;
        box.focus();
      }
    });
  }

  const observer = "IntersectionObserver" in window ? new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        draw(entry.target);
      }
    }
  }, { rootMargin: "100% 0px" }) : null;

  function watchBoxes() {
    for (const type of FIRST_INTERACTION) {
      window.removeEventListener(type, watchBoxes, true);
    }
    for (const box of boxes) {
      if (observer) {
        observer.observe(box);
      } else {
        draw(box);
      }
    }
  }
  for (const type of FIRST_INTERACTION) {
    window.addEventListener(type, watchBoxes, { capture: true, passive: true });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest?.(".chart-draw");
    if (button) {
      draw(button.parentNode);
    }
    const save = event.target.closest?.("[data-download]");
    if (save) {
      download(save.parentNode, save.getAttribute("data-download"));
    }
  });

  // A chart saved as an image (plotly's own toImage): its title above, the unit on its axis,
  // and the source line of the page (the citation box's, or the embed's) below.
  const SAVED_WIDTH = 960;
  function download(tools, format) {
    withPlotly(() => {
      const spec = JSON.parse(document.getElementById(tools.getAttribute("data-chart-for")).textContent);
      const source = document.querySelector("[data-chart-source]");
      const lines = source ? [source.getAttribute("data-chart-source"), source.getAttribute("data-chart-url")] : [];
      const layout = JSON.parse(JSON.stringify(spec.layout));
      layout.title = { text: tools.getAttribute("data-title"), x: 0.01, xanchor: "left", font: { size: 18 } };
      layout.margin = { l: 16, r: 16, t: 96, b: 136 };
      layout.legend = { orientation: "h", x: 0, y: 1.02, yanchor: "bottom" };
      layout.width = SAVED_WIDTH;
      layout.height = spec.layout.height + 200;
      layout.annotations = [{
        text: lines.join("<br>"), showarrow: false, align: "left", xref: "paper", yref: "paper",
        x: 0, xanchor: "left", y: 0, yanchor: "top", yshift: -88, font: { size: 13, color: "#4a4a4a" },
      }];
      const name = "mieruka" + location.pathname.replace(/[^0-9A-Za-z]+/g, "-") + tools.getAttribute("data-chart-for").replace(/-spec$/, "");
      window.Plotly.downloadImage({ data: spec.data, layout, config: { staticPlot: true } },
                                  { format, width: SAVED_WIDTH, height: layout.height, filename: name });
    });
  }

  for (const tools of document.querySelectorAll(".chart-tools[hidden]")) {
    tools.hidden = false;
  }

  // Printed, a drawn chart takes the width of the paper, and back its screen width after.
  function fitDrawnCharts() {
    for (const box of boxes) {
      if (box._fullLayout && box.clientWidth) {
        window.Plotly.relayout(box, { width: box.clientWidth });
      }
    }
  }
  window.addEventListener("beforeprint", fitDrawnCharts);
  window.addEventListener("afterprint", fitDrawnCharts);
  window.matchMedia?.("print").addEventListener?.("change", fitDrawnCharts);
})();
