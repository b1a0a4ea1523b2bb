import maplibregl from 'maplibre-gl';

/**
 * Writes on each cluster how many incidents it holds, as an HTML label (MapLibre's own text
 * would need glyph files, which the offline style does not ship), kept in step with the clusters
 * drawn as the map moves. `reset` forgets the labels when the incidents change (a cluster's id
 * means another cluster then). Returns what stops it.
 */
export function showClusterCounts(
  map: maplibregl.Map,
  format: (count: number) => string,
  onCount: (count: number) => void,
): { reset(): void; stop(): void } {
  let made = new Map<number, maplibregl.Marker>();
  let shown = new Map<number, maplibregl.Marker>();

  const update = () => {
    if (!map.getSource('incidents') || !map.isSourceLoaded('incidents')) return;
    const next = new Map<number, maplibregl.Marker>();
    for (const cluster of map.querySourceFeatures('incidents', { filter: ['has', 'point_count'] })) {
      const id = cluster.properties.cluster_id as number;
      if (next.has(id) || cluster.geometry.type !== 'Point') continue;
      let marker = made.get(id);
      if (!marker) {
        const element = document.createElement('span');
        element.className = 'cluster-count';
        element.textContent = format(Number(cluster.properties.point_count));
        // The table and the cluster's pop-up say it to screen readers; the canvas takes the clicks.
        element.setAttribute('aria-hidden', 'true');
        marker = new maplibregl.Marker({ element }).setLngLat(
          cluster.geometry.coordinates as [number, number],
        );
        made.set(id, marker);
      }
      next.set(id, marker);
      if (!shown.has(id)) marker.addTo(map);
    }
    for (const [id, marker] of shown) if (!next.has(id)) marker.remove();
    if (next.size !== shown.size) onCount(next.size);
    shown = next;
  };

  const clear = () => {
    for (const marker of shown.values()) marker.remove();
    made = new Map();
    shown = new Map();
    onCount(0);
  };

  map.on('render', update);
  return {
    reset: clear,
    stop() {
      map.off('render', update);
      clear();
    },
  };
}
