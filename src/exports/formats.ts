/** The formats a selection of incidents is exported in (the web application offers each). */
export const exportFormats = ['geojson', 'kml', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];
