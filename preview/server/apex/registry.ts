/**
 * The preview's Apex registry: what `@salesforce/apex/Class.method` reaches when LeadGate runs locally.
 *
 * No Apex runs offline, so each Apex method a component calls has a TypeScript handler here that answers
 * the way the real method does, over the preview's seeded records. Handlers live beside this file
 * (`preview/server/apex/<area>.ts`); the server imports every module in this folder at start, and each
 * module registers its handlers:
 *
 *     import { registerApex } from './registry.ts';
 *     registerApex('LeadGateDashboardController.getFunnel', async (params, ctx) => ...);
 *
 * The browser POSTs `{ params }` to `/preview/apex/<Class>.<method>`; the HTTP layer checks the user's
 * class access from the permission sets, then calls the handler with the user and the records.
 */

/** A record as the preview holds it: field API name -> value (string, number, boolean, ISO date-time or null). */
export type PreviewRecord = Readonly<Record<string, unknown>>;

export interface ApexContext {
    /** The preview user making the call (chosen with the user switcher). */
    user: {
        id: string;
        name: string;
        permissionSets: readonly string[];
        customPermissions: ReadonlySet<string>;
    };
    /**
     * What the user may read (object permissions and field-level security of their permission sets), for the
     * user-mode queries of the dashboard's SOQL evaluator. Undefined: the preview could not compute it.
     */
    access?: {
        object(name: string): { read: boolean };
        canRead(objectName: string, field: string, custom: boolean): boolean;
    };
    /** The instant of the call (fixed in tests). */
    now: Date;
    /**
     * Every seeded record of an sObject type, as the org would hold it after its before-save stamps:
     * Lead records also carry their formula fields evaluated at `now`. Unknown types give an empty list.
     */
    records(sobjectType: string): readonly PreviewRecord[];
}

export type ApexHandler = (params: Readonly<Record<string, unknown>>, ctx: ApexContext) => Promise<unknown>;

/**
 * Thrown by a handler for an error the real method reports to the user (an AuraHandledException):
 * the browser receives it as the platform sends it, `{ body: { message, exceptionType } }` with status 400.
 */
export class ApexUserError extends Error {
    readonly exceptionType: string;
    constructor(message: string, exceptionType = 'System.AuraHandledException') {
        super(message);
        this.name = 'ApexUserError';
        this.exceptionType = exceptionType;
    }
}

export interface ApexResponse {
    status: number;
    body: unknown;
}

const METHOD_NAME = /^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$/;

export class ApexRegistry {
    private readonly handlers = new Map<string, ApexHandler>();

    register(name: string, handler: ApexHandler): void {
        if (!METHOD_NAME.test(name)) throw new Error(`registerApex: "${name}" is not of the form Class.method.`);
        if (typeof handler !== 'function') throw new Error(`registerApex: the handler for ${name} is not a function.`);
        if (this.handlers.has(name)) throw new Error(`registerApex: ${name} is registered twice.`);
        this.handlers.set(name, handler);
    }

    has(name: string): boolean {
        return this.handlers.has(name);
    }

    names(): string[] {
        return [...this.handlers.keys()].sort();
    }

    /** Calls a handler and shapes the outcome like the platform's Apex transport. Never throws. */
    async call(name: string, params: unknown, ctx: ApexContext): Promise<ApexResponse> {
        const handler = this.handlers.get(name);
        if (!handler) {
            return {
                status: 404,
                body: {
                    message: `No preview handler for the Apex method ${name}. Register one with registerApex('${name}', ...) in preview/server/apex/.`,
                    exceptionType: 'PreviewMissingHandler'
                }
            };
        }
        if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params))) {
            return {
                status: 400,
                body: { message: `Apex parameters for ${name} must be a JSON object.`, exceptionType: 'System.JSONException' }
            };
        }
        try {
            const result = await handler((params ?? {}) as Record<string, unknown>, ctx);
            return { status: 200, body: result === undefined ? null : result };
        } catch (error) {
            if (error instanceof ApexUserError) {
                return { status: 400, body: { message: error.message, exceptionType: error.exceptionType, isUserDefinedException: true } };
            }
            const message = error instanceof Error ? error.message : String(error);
            return {
                status: 500,
                body: { message: `The preview handler for ${name} failed: ${message}`, exceptionType: 'System.UnexpectedException' }
            };
        }
    }
}

/** The registry the preview server uses. */
export const apexRegistry = new ApexRegistry();

/** Registers the preview handler of one Apex method (`Class.method`). */
export function registerApex(name: string, handler: ApexHandler): void {
    apexRegistry.register(name, handler);
}
