// The parts of @azure/msal-browser the add-in uses, by name. The pane and the sign-in dialog load this
// module lazily instead of the package: a dynamic import of the package keeps every export of MSAL (a
// namespace), this one lets the bundler drop the rest, in the lazy chunk and in launch-events.js (one
// file, where the dynamic import is inlined).
export {
  InteractionRequiredAuthError,
  PublicClientApplication,
  createNestablePublicClientApplication,
} from '@azure/msal-browser';
