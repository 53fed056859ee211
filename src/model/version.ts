/** swp's version, printed by --version and written into every JSON document. */
export const VERSION = '0.1.0';
