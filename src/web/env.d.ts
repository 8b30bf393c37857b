// Stylesheets are bundled by Vite; the type checker only needs to know they exist.
declare module '*.css';

// Vite's ?url imports: the asset's URL after the build.
declare module '*?url' {
  const url: string;
  export default url;
}

// A part of a dictionary (i18n/areas.ts), split from the JSON file at build time by vite.config.ts.
declare module '*.json?core' {
  const texts: Record<string, unknown>;
  export default texts;
}
declare module '*.json?office' {
  const texts: Record<string, unknown>;
  export default texts;
}
