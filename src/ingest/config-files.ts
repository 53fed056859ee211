/** File names looked for in a workspace, in order. A module of its own so the CLI can find a workspace without loading the config schema. */
export const CONFIG_FILES = ['swp.config.yaml', 'swp.config.yml', 'swp.config.json'] as const;
