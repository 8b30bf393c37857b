import { type CSSVariablesResolver, createTheme, defaultVariantColorsResolver, parseThemeColor, rem, rgba, type VariantColorsResolver } from '@mantine/core';

/**
 * A light box in a colour's shade (`<Alert color="red.9">`, Alert's default variant): that shade's
 * text on a 10 % tint of it. Mantine paints such a box in the full shade and its text in the
 * colour's light text, red on red: every error message in an alert of that kind had an invisible
 * title and barely legible text (the reporting form's, e-Cabinet's, ActionError's).
 */
const lightInItsShade: VariantColorsResolver = (input) => {
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (input.variant !== 'light' || !parsed.isThemeColor || parsed.shade === undefined) return defaultVariantColorsResolver(input);
  const shade = input.theme.colors[parsed.color][parsed.shade];
  return { background: rgba(shade, 0.1), hover: rgba(shade, 0.12), color: shade, border: `${rem(1)} solid transparent` };
};

/**
 * Shade 8 of the primary colour keeps white-on-blue and blue-on-white text above the 4.5:1
 * contrast of WCAG 2.1 AA; system fonts all carry Vietnamese diacritics.
 */
export const theme = createTheme({
  variantColorResolver: lightInItsShade,
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' },
  focusRing: 'auto',
  defaultRadius: 'md',
});

/**
 * Error text (#c92a2a, red 9) at 5.4:1 on white instead of Mantine's default red 6 (3.3:1); the
 * secondary grey of input hints, table captions, divider and menu labels (Mantine's "dimmed",
 * gray 6, 3.3:1) in gray 7 (#495057, 8.2:1): WCAG 2.1 AA for every hint, in every screen, at once.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-error': '#c92a2a', '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
