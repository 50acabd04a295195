// Copies the dashboard's front-end libraries and map data from node_modules (npm ci) into the
// Python package, so a pip install needs no npm and the browser fetches nothing from elsewhere.
// Run: cd frontend && npm ci && npm run build   (outputs are committed)
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { feature } from "topojson-client";

const out = new URL("../src/newsevents/serve/static/", import.meta.url);
const mod = (p) => new URL(`node_modules/${p}`, import.meta.url);

for (const [from, to] of [
  ["leaflet/dist/leaflet.js", "leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet.css"],
  ["leaflet/LICENSE", "LICENSE-leaflet.txt"],
  ["leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster.js"],
  ["leaflet.markercluster/dist/MarkerCluster.css", "MarkerCluster.css"],
  ["leaflet.markercluster/dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"],
  ["leaflet.markercluster/MIT-LICENCE.txt", "LICENSE-leaflet.markercluster.txt"],
  ["world-atlas/LICENSE", "LICENSE-world-atlas.txt"],
]) copyFileSync(mod(from), new URL(to, out));

// Natural Earth 1:50m country outlines (public domain), TopoJSON -> GeoJSON, coordinates to
// 0.01 degree (about 1 km: finer than the outlines themselves at this scale).
const topo = JSON.parse(readFileSync(mod("world-atlas/countries-50m.json")));
const round = (c) => (typeof c[0] === "number" ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100] : c.map(round));
const countries = feature(topo, topo.objects.countries);
for (const f of countries.features) {
  f.geometry.coordinates = round(f.geometry.coordinates);
  f.properties = { name: f.properties.name };
}
writeFileSync(new URL("countries.geojson", out), JSON.stringify(countries));
console.log(`wrote ${countries.features.length} country outlines and the libraries to ${out.pathname}`);
