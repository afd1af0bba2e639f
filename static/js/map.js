// The map's pan and zoom (templates/timeline/map.html). Without script, or without Leaflet, the
// server's SVG stays as it is. With it, Leaflet shows that same SVG as a layer the reader can
// drag and zoom: in the SVG's own units (CRS.Simple), or, when the site sets MAP_TILE_URL, over
// those tiles at the map's bounds.
"use strict";

(function () {
  const frame = document.querySelector(".map-frame");
  if (!frame || !window.L) return;
  const svg = frame.querySelector("svg.story-map");
  const [width, height] = svg.getAttribute("viewBox").split(" ").slice(2).map(Number);
  const tiles = frame.dataset.tiles;
  const pane = document.createElement("div");
  pane.className = "map-pan";
  frame.replaceChildren(pane);

  let bounds;
  let map;
  if (tiles) {
    const [west, south, east, north] = frame.dataset.bounds.split(",").map(Number);
    bounds = L.latLngBounds([south, west], [north, east]);
    map = L.map(pane, { zoomSnap: 0.25 });
    L.tileLayer(tiles, { attribution: frame.dataset.attribution }).addTo(map);
  } else {
    bounds = L.latLngBounds([-height, 0], [0, width]);
    map = L.map(pane, { crs: L.CRS.Simple, zoomSnap: 0.25, attributionControl: false });
  }
  L.svgOverlay(svg, bounds, { interactive: true }).addTo(map);
  map.fitBounds(bounds);
  map.setMaxBounds(bounds.pad(0.25));
  map.setMinZoom(map.getZoom() - 1);
  pane.dataset.ready = "true";
})();
