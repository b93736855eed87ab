import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's theme for Puente. The primary shade is the ninth of Mantine's blue (#1864ab): white text
 * on it measures 5.9:1, where the default seventh shade gives 3.55:1 and fails WCAG AA. Controls
 * are large, for thumbs on a phone.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 9,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  components: {
    // A label longer than a phone is wide wraps onto a second line instead of being cut.
    Button: {
      defaultProps: { size: 'md' },
      styles: {
        root: { height: 'auto', minHeight: 'var(--button-height)', paddingBlock: 6 },
        label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.3 },
      },
    },
    TextInput: { defaultProps: { size: 'md' } },
  },
});

/**
 * Secondary text ("dimmed", field descriptions) in the eighth gray (#495057, 8.2:1 on white), where
 * Mantine's sixth (#868e96, 3.3:1) fails WCAG AA; a field's error in the ninth red (#c92a2a, 5.4:1),
 * where the default (#fa5252, 3.3:1) fails too.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[8], '--mantine-color-error': t.colors.red[9] },
  dark: {},
});
