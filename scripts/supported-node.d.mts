// Types for scripts/supported-node.mjs (plain JavaScript so that it runs on any Node, before npm ci).
export declare const SUPPORTED_RANGE: string;
export declare function satisfies(version: string, range?: string): boolean;
export declare function requireSupportedNode(what: string): void;
