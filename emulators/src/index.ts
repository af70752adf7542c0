// The Graph and Workplace emulators are exported from here as they land (issues 3 and 4).
export {};
