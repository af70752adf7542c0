import { tokens } from '@fluentui/react-components';

// The console's sections: a raised card with a small heading. Spread into each view's makeStyles.

export const panelStyle = {
  backgroundColor: tokens.colorNeutralBackground1,
  padding: tokens.spacingHorizontalM,
  borderRadius: tokens.borderRadiusMedium,
} as const;

/** A panel holding a table that may be wider than the window. */
export const scrollingPanelStyle = { ...panelStyle, overflowX: 'auto' } as const;

export const panelHeadingStyle = { marginTop: 0, fontSize: tokens.fontSizeBase400 } as const;
