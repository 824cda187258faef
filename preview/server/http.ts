/**
 * The preview's HTTP layer (node:http, no framework): pages, the emulated UI API, Apex, static files.
 * It only parses requests and writes what LeadStore and the Apex registry answer; every request is
 * wrapped so that bad input gets a 4xx with a clear message and nothing can crash the server.
 *
 *   GET  /                                   Lead list          GET   /ui-api/records/{id}?fields=&optionalFields=&layoutTypes=
 *   GET  /lead/{id}                          record page        PATCH /ui-api/records/{id}  (If-Unmodified-Since)
 *                                                               POST /ui-api/records, DELETE /ui-api/records/{id}  (committee people)
 *                                                               GET  /ui-api/related-list-records/{leadId}/{relatedListId}
 *   GET  /lightning/cmp/c__drillLeadList     the leads behind a dashboard number (c/drillLeadList)
 *   GET  /dashboard                          dashboard          GET   /ui-api/object-info/Lead[/picklist-values/{rt}[/{field}]]
 *                                                               (POST /ui-api/records also creates evidence reviews, reviews.ts)
 *   POST /preview/user                       switch user        POST  /preview/apex/{Class.method}   { params }
 *   POST /preview/reset                      reseed the data    GET   /preview/resources/{name}[/{file}]
 *   GET  /preview/users, /preview/showcase   the sample users and showcase leads (for scripts and browser tests)
 *   POST /preview/signals                    intent signals as an integration publishes them (signals.ts)
 *   GET  /dist/*, /assets/slds/*             bundle, SLDS
 *
 * The preview user travels in the `leadgate_user` cookie (or an `X-LeadGate-User` header for API clients).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { ApexRegistry } from './apex/registry.ts';
import type { LeadStore } from './leadStore.ts';
import { planFor, type RecordPagePlan } from './flexipage.ts';
import {
    appPageFrame,
    convertForm,
    opportunityHeader,
    dashboardAccessNote,
    dashboardOwnLeadsNote,
    leadListPage,
    messagePage,
    recordPageFrame,
    shell,
    startHere,
    unknownUserPage,
    type LeadRow
} from './pages.ts';
import { safeReturnTo } from './platformValues.ts';

/** The Apex class c/coachingDashboard calls: a user whose permission sets lack it gets the platform's access error. */
const DASHBOARD_APEX_CLASS = 'LeadGateDashboardController';
import type { PreviewUser } from './permissions.ts';
import { TEAM_FUNNEL_PERMISSION } from '../../scripts/admin/generate/permissionGrants.ts';
import type { Showcase } from './seed.ts';
import { integrationUser, receiveSignals, signalFormHtml } from './signals.ts';
import { canUseStudio, StudioError, type DefinitionStudio } from './studio.ts';
import { studioNoAccessBody, studioPageBody } from '../studio/studioPage.ts';
import { listUi } from './listUi.ts';
import { readFieldTranslations, translateObjectInfo, type FieldTranslation } from './fieldTranslations.ts';
import { CommitteeApi, committeeApiFor } from './committee.ts';
import { contactRolesOf, convertLead, opportunityRecord } from './conversion.ts';
import { SQL_DEFINITION } from 'c/sqlDefinition';
import { createReview, REVIEW_RELATED_LIST, reviewRelatedList } from './reviews.ts';
import { EVIDENCE_REVIEW_OBJECT } from 'c/sqlDefinition';
import { DRILL_LIST_COMPONENT } from 'c/drillDown';

export interface PreviewServerOptions {
    /** Returns the current store (replaced on reset). */
    store: () => LeadStore;
    /** Rebuilds the store from the sample data (POST /preview/reset). */
    reset: () => void;
    apex: ApexRegistry;
    showcase: () => Showcase[];
    recordPage: RecordPagePlan;
    /** The Opportunity record page (LeadGate_Opportunity_Record_Page), where a converted lead's Opportunity opens; absent: none. */
    opportunityPage?: RecordPagePlan | null;
    /** Whether c/coachingDashboard is in the bundle. */
    dashboardAvailable: boolean;
    /** The bundle entry file in distDir. */
    entry: string;
    distDir: string;
    sldsDir: string;
    staticResources: ReadonlyMap<string, string>;
    /** Static resources the preview answers with its own JSON instead of the file (the revisions log with the sample's revisions). */
    resourceBodies?: ReadonlyMap<string, () => unknown>;
    /** Called for every request that fails unexpectedly (the server answers 500 and goes on). */
    log?: (message: string) => void;
    /** The Definition page (admins only); absent: no such page. */
    studio?: DefinitionStudio;
}

const MAX_BODY = 1_000_000;
const USER_COOKIE = 'leadgate_user';
const PAGE_SIZE = 50;

const TYPES: Record<string, string> = {
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.gif': 'image/gif',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.html': 'text/html; charset=utf-8',
    '.txt': 'text/plain; charset=utf-8'
};

class HttpError extends Error {
    constructor(
        readonly status: number,
        message: string,
        readonly errorCode = 'INVALID_INPUT'
    ) {
        super(message);
    }
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}): void {
    if (res.headersSent) return;
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers });
    res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown) => send(res, status, JSON.stringify(body), TYPES['.json'] as string);

function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (chunk: Buffer) => {
            size += chunk.length;
            // Past the limit the rest is read and dropped, so the client still receives the 413.
            if (size <= MAX_BODY) chunks.push(chunk);
        });
        req.on('end', () =>
            size > MAX_BODY
                ? reject(new HttpError(413, `The request body is larger than ${MAX_BODY} bytes.`, 'REQUEST_TOO_LARGE'))
                : resolve(Buffer.concat(chunks).toString('utf8'))
        );
        req.on('error', reject);
    });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
    const text = await readBody(req);
    if (text.trim() === '') return {};
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new HttpError(
            400,
            `The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
            'JSON_PARSER_ERROR'
        );
    }
}

function cookies(req: IncomingMessage): Map<string, string> {
    const jar = new Map<string, string>();
    for (const part of (req.headers.cookie ?? '').split(';')) {
        const eq = part.indexOf('=');
        if (eq === -1) continue;
        try {
            jar.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
        } catch {
            // a malformed cookie is ignored
        }
    }
    return jar;
}

/** A platform language code: `de`, `en_US`, `pt_BR`. */
const LANGUAGE = /^[a-z]{2}(_[A-Z]{2})?$/;

/**
 * The language a page previews (`?lang=de`): a platform language code (`de`, `en_US`, `pt_BR`); anything else is the
 * org's default, en_US. A language without a translation file shows every label's own value, as the org does.
 */
export function previewLanguage(url: URL): string {
    const asked = url.searchParams.get('lang');
    return asked !== null && LANGUAGE.test(asked) ? asked : 'en_US';
}

/** The language the page's platform modules ask in (the X-LeadGate-Language header, preview/platform/transport.ts). */
function requestLanguage(req: IncomingMessage): string {
    const header = req.headers['x-leadgate-language'];
    const asked = Array.isArray(header) ? header[0] : header;
    return asked !== undefined && LANGUAGE.test(asked) ? asked : 'en_US';
}

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');
const translationCache = new Map<string, ReadonlyMap<string, FieldTranslation>>();
/** Field translations of an object into a language, read once per server. */
function fieldTranslations(objectApiName: string, language: string): ReadonlyMap<string, FieldTranslation> {
    const key = `${objectApiName}-${language}`;
    let found = translationCache.get(key);
    if (!found) {
        found = readFieldTranslations(PROJECT_ROOT, objectApiName, language);
        translationCache.set(key, found);
    }
    return found;
}

const splitList = (value: string | null): string[] =>
    value
        ? value
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
        : [];

const segment = (value: string | undefined): string => {
    try {
        return decodeURIComponent(value ?? '');
    } catch {
        throw new HttpError(400, 'The URL is not correctly encoded.', 'MALFORMED_URL');
    }
};

export function createPreviewServer(options: PreviewServerOptions): Server {
    const log = options.log ?? ((m: string) => console.error(m));

    /**
     * The signed-in preview user: the X-LeadGate-User header, else the leadgate_user cookie, else (nobody chosen yet) the
     * first sample user. A header or cookie naming a user the preview does not have is refused, never read as someone else.
     */
    const requestUser = (req: IncomingMessage): PreviewUser | { unknown: string } => {
        const store = options.store();
        const header = req.headers['x-leadgate-user'];
        const wanted = (Array.isArray(header) ? header[0] : header) ?? cookies(req).get(USER_COOKIE);
        if (wanted !== undefined) return store.user(wanted) ?? { unknown: wanted };
        const fallback = store.users()[0];
        if (!fallback) throw new HttpError(500, 'data/users.json has no users.', 'NO_USERS');
        return fallback;
    };
    const unknownUserMessage = (wanted: string): string =>
        `There is no preview user ${JSON.stringify(wanted.slice(0, 40))}: choose one with the user switcher (the ids are in data/users.json).`;
    const currentUser = (req: IncomingMessage): PreviewUser => {
        const user = requestUser(req);
        if ('unknown' in user) throw new HttpError(401, unknownUserMessage(user.unknown), 'INVALID_SESSION_ID');
        return user;
    };

    const serveFile = (res: ServerResponse, base: string, relativePath: string, cache: boolean): void => {
        const target = normalize(join(base, relativePath));
        if (target !== base && !target.startsWith(base.endsWith(sep) ? base : base + sep))
            throw new HttpError(403, 'Path outside the served folder.', 'FORBIDDEN');
        if (!existsSync(target) || !statSync(target).isFile()) throw new HttpError(404, `No file ${relativePath}.`, 'NOT_FOUND');
        res.writeHead(200, {
            'Content-Type': TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream',
            'Cache-Control': cache ? 'public, max-age=31536000, immutable' : 'no-cache',
            'X-Content-Type-Options': 'nosniff'
        });
        createReadStream(target)
            .on('error', () => res.destroy())
            .pipe(res);
    };

    const pageShell = (
        req: IncomingMessage,
        user: PreviewUser,
        path: string,
        nav: 'leads' | 'lead' | 'dashboard' | 'definition' | 'home',
        title: string,
        body: string,
        context?: unknown
    ) => {
        const store = options.store();
        const access = store.accessOf(user.id);
        if (!access) throw new HttpError(500, `No access computed for ${user.name}.`, 'NO_ACCESS');
        return shell(
            {
                title,
                user,
                access,
                users: store.users(),
                path,
                nav,
                dashboardAvailable: options.dashboardAvailable,
                definitionAvailable: options.studio !== undefined && canUseStudio(user),
                entry: context ? options.entry : undefined,
                context,
                bell: bellFor(user.id)
            },
            body
        );
    };

    /** The signed-in user's custom notifications, from the generated flows run on each save (preview/server/alerts.ts). */
    const bellFor = (userId: string) => {
        const store = options.store();
        return store.alerts?.bell(userId, new Date(), (id) => store.leadValues(id)) ?? [];
    };

    /**
     * What the page's platform modules read; `?formFactor=Small` previews the phone form factor (@salesforce/client/formFactor),
     * `?lang=de` a user whose language is German (Custom Labels from translations/de.translation-meta.xml, @salesforce/i18n).
     */
    const pageContext = (user: PreviewUser, page: unknown, url: URL) => {
        const access = options.store().accessOf(user.id);
        const asked = url.searchParams.get('formFactor');
        return {
            user: { id: user.id, name: user.name, role: user.role },
            customPermissions: [...(access?.customPermissions ?? [])],
            formFactor: asked === 'Small' || asked === 'Medium' ? asked : 'Large',
            language: previewLanguage(url),
            page
        };
    };

    async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const url = new URL(req.url ?? '/', 'http://preview.local');
        const path = url.pathname;
        const method = req.method ?? 'GET';
        const parts = path.split('/').filter(Boolean);
        const store = options.store();

        // Static files.
        if (parts[0] === 'dist' && method === 'GET') return serveFile(res, options.distDir, parts.slice(1).map(segment).join('/'), true);
        if (parts[0] === 'assets' && parts[1] === 'slds' && method === 'GET')
            return serveFile(res, options.sldsDir, parts.slice(2).map(segment).join('/'), false);
        if (path === '/favicon.ico') return send(res, 204, '', 'text/plain');
        if (parts[0] === 'studio' && parts[1] === 'src' && method === 'GET' && options.studio) {
            const code = options.studio.clientModule(parts.slice(2).map(segment).join('/'));
            if (code === null) throw new HttpError(404, `The preview has no file ${path}.`, 'NOT_FOUND');
            return send(res, 200, code, 'text/javascript; charset=utf-8');
        }

        // The Definition page's requests (admins only).
        if (parts[0] === 'preview' && parts[1] === 'studio' && method === 'POST' && options.studio) {
            const studio = options.studio;
            const user = currentUser(req);
            if (!canUseStudio(user))
                throw new HttpError(
                    403,
                    `${user.name} has no access to the SQL definition (it needs LeadGate_Admin).`,
                    'INSUFFICIENT_ACCESS'
                );
            try {
                const body = await readJson(req);
                if (parts[2] === 'evaluate') return sendJson(res, 200, await studio.evaluate(body));
                if (parts[2] === 'export') return sendJson(res, 200, await studio.useExport(body));
                if (parts[2] === 'save') return sendJson(res, 200, await studio.save(body, user));
            } catch (error) {
                if (error instanceof StudioError) return sendJson(res, error.status, [{ errorCode: 'STUDIO', message: error.message }]);
                throw error;
            }
            throw new HttpError(404, `The preview has no ${path}.`, 'NOT_FOUND');
        }

        // The emulated UI API.
        if (parts[0] === 'ui-api') {
            const user = currentUser(req);
            if (parts[1] === 'records' && parts.length === 2 && method === 'POST') {
                // createRecord: the preview creates two kinds of record, told apart by apiName.
                const body = await readJson(req);
                const apiName = typeof body === 'object' && body !== null ? (body as { apiName?: unknown }).apiName : undefined;
                const result =
                    apiName === EVIDENCE_REVIEW_OBJECT ? createReview(store, user.id, body) : committeeApiFor(store).create(user.id, body);
                return sendJson(res, result.status, result.body);
            }
            if (
                parts[1] === 'related-list-records' &&
                parts.length === 4 &&
                method === 'GET' &&
                segment(parts[3]) === REVIEW_RELATED_LIST
            ) {
                const result = reviewRelatedList(store, user.id, segment(parts[2]), segment(parts[3]), [
                    ...splitList(url.searchParams.get('fields')),
                    ...splitList(url.searchParams.get('optionalFields'))
                ]);
                return sendJson(res, result.status, result.body);
            }
            if (parts[1] === 'related-list-records' && parts.length === 4 && method === 'GET') {
                const result = committeeApiFor(store).relatedList(user.id, segment(parts[2]), segment(parts[3]), {
                    fields: [...splitList(url.searchParams.get('fields')), ...splitList(url.searchParams.get('optionalFields'))],
                    sortBy: splitList(url.searchParams.get('sortBy'))
                });
                return sendJson(res, result.status, result.body);
            }
            if (parts[1] === 'records' && parts.length === 3) {
                const id = segment(parts[2]);
                if (method === 'DELETE') {
                    if (!CommitteeApi.owns(id))
                        throw new HttpError(405, 'The preview deletes buying-committee people only.', 'METHOD_NOT_ALLOWED');
                    const result = committeeApiFor(store).delete(user.id, id);
                    if (result.status === 204) return send(res, 204, '', 'text/plain');
                    return sendJson(res, result.status, result.body);
                }
                if (method === 'GET' && store.table('Opportunity').has(id)) {
                    const paths = [...splitList(url.searchParams.get('fields')), ...splitList(url.searchParams.get('optionalFields'))];
                    const result = opportunityRecord(store, user.id, id, paths);
                    return sendJson(res, result.status, result.body);
                }
                if (method === 'GET') {
                    const result = store.getRecord(user.id, id, {
                        fields: splitList(url.searchParams.get('fields')),
                        optionalFields: splitList(url.searchParams.get('optionalFields')),
                        layoutTypes: splitList(url.searchParams.get('layoutTypes'))
                    });
                    return sendJson(res, result.status, result.body);
                }
                if (method === 'PATCH') {
                    const body = await readJson(req);
                    const since = req.headers['if-unmodified-since'];
                    const result = store.updateRecord(user.id, id, body, Array.isArray(since) ? since[0] : since);
                    return sendJson(res, result.status, result.body);
                }
                throw new HttpError(405, `${method} is not supported on a record; use GET, PATCH or DELETE.`, 'METHOD_NOT_ALLOWED');
            }
            if (parts[1] === 'records' && parts.length === 2)
                throw new HttpError(405, `${method} is not supported on records; create with POST.`, 'METHOD_NOT_ALLOWED');
            if (parts[1] === 'object-info' && parts[2] && method === 'GET') {
                const objectApiName = segment(parts[2]);
                if (parts.length === 3) {
                    const result = store.objectInfo(user.id, objectApiName);
                    if (result.status !== 200) return sendJson(res, result.status, result.body);
                    return sendJson(res, 200, translateObjectInfo(result.body, fieldTranslations(objectApiName, requestLanguage(req))));
                }
                if (parts[3] === 'picklist-values' && (parts.length === 5 || parts.length === 6)) {
                    const result = store.picklistValues(
                        user.id,
                        objectApiName,
                        segment(parts[4]),
                        parts[5] === undefined ? undefined : segment(parts[5])
                    );
                    return sendJson(res, result.status, result.body);
                }
            }
            if (parts[1] === 'list-ui' && parts.length === 4 && method === 'GET') {
                const result = listUi(store, user.id, segment(parts[2]), segment(parts[3]), url.searchParams, new Date());
                return sendJson(res, result.status, result.body);
            }
            throw new HttpError(404, `The preview's UI API has no resource ${method} ${path}.`, 'NOT_FOUND');
        }

        // Apex.
        if (parts[0] === 'preview' && parts[1] === 'apex' && parts.length === 3) {
            if (method !== 'POST') throw new HttpError(405, 'Apex methods are called with POST.', 'METHOD_NOT_ALLOWED');
            const user = currentUser(req);
            const name = segment(parts[2]);
            const body = await readJson(req);
            const params =
                typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { params?: unknown }).params : undefined;
            const access = store.accessOf(user.id);
            const className = name.split('.')[0] ?? '';
            if (options.apex.has(name) && access && !access.apexClasses.has(className)) {
                return sendJson(res, 403, {
                    message: `You do not have access to the Apex class named '${className}'.`,
                    exceptionType: 'System.NoAccessException'
                });
            }
            const result = await options.apex.call(name, params, {
                user: {
                    id: user.id,
                    name: user.name,
                    permissionSets: user.permissionSets,
                    customPermissions: access?.customPermissions ?? new Set()
                },
                ...(access ? { access } : {}),
                now: new Date(),
                records: (sobject) => store.records(sobject)
            });
            return sendJson(res, result.status, result.body);
        }

        // Static resources.
        if (parts[0] === 'preview' && parts[1] === 'resources' && parts[2] && method === 'GET') {
            const body = parts.length === 3 ? options.resourceBodies?.get(segment(parts[2])) : undefined;
            if (body) return sendJson(res, 200, body());
            const resource = options.staticResources.get(segment(parts[2]));
            if (!resource) throw new HttpError(404, `No static resource ${segment(parts[2])}.`, 'NOT_FOUND');
            if (statSync(resource).isDirectory()) return serveFile(res, resource, parts.slice(3).map(segment).join('/'), false);
            return serveFile(res, resource, '', false);
        }

        // Preview controls.
        if (path === '/preview/user' && method === 'POST') {
            const form = new URLSearchParams(await readBody(req));
            const userId = form.get('userId') ?? '';
            if (!store.user(userId)) throw new HttpError(400, `There is no preview user ${userId.slice(0, 40)}.`, 'INVALID_USER');
            const location = safeReturnTo(form.get('returnTo'));
            res.writeHead(303, {
                Location: location,
                'Set-Cookie': `${USER_COOKIE}=${encodeURIComponent(userId)}; Path=/; SameSite=Lax; HttpOnly`
            });
            res.end();
            return;
        }
        if (path === '/preview/users' && method === 'GET') return sendJson(res, 200, store.users());
        if (path === '/preview/notifications' && method === 'GET') return sendJson(res, 200, bellFor(currentUser(req).id));
        if (path === '/preview/showcase' && method === 'GET') return sendJson(res, 200, options.showcase());
        if (path === '/preview/signals' && method === 'POST') {
            const result = receiveSignals(store, currentUser(req).id, await readJson(req));
            return sendJson(res, result.status, result.body);
        }
        if (parts[0] === 'preview' && parts[1] === 'convert' && parts.length === 3 && method === 'POST') {
            const user = currentUser(req);
            const result = convertLead(store, user.id, segment(parts[2]));
            if (result.status === 200) {
                res.writeHead(303, {
                    Location: `/opportunity/${encodeURIComponent((result.body as { opportunityId: string }).opportunityId)}`
                });
                res.end();
                return;
            }
            const message = (result.body as Array<{ message: string }>)[0]?.message ?? 'The lead could not be converted.';
            return send(res, result.status, pageShell(req, user, path, 'lead', 'Convert', messagePage(message)), TYPES['.html'] as string);
        }
        if (path === '/preview/reset' && method === 'POST') {
            options.reset();
            return sendJson(res, 200, { reset: true });
        }

        // Pages.
        if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${method} ${path} is not supported.`, 'METHOD_NOT_ALLOWED');
        const signedIn = requestUser(req);
        if ('unknown' in signedIn)
            return send(res, 401, unknownUserPage(unknownUserMessage(signedIn.unknown), store.users(), path), TYPES['.html'] as string);
        const user = signedIn;
        if (path === `/lightning/cmp/${DRILL_LIST_COMPONENT}`) {
            // As Lightning Experience opens a URL-addressable component: the component alone, its state in the address.
            const context = pageContext(
                user,
                { kind: 'app', regions: [{ name: 'main', components: [{ specifier: 'c/drillLeadList', properties: {} }] }] },
                url
            );
            return send(
                res,
                200,
                pageShell(req, user, url.pathname + url.search, 'dashboard', 'Leads', appPageFrame(true), context),
                TYPES['.html'] as string
            );
        }
        if (path === '/') {
            const access = store.accessOf(user.id);
            if (!access) throw new HttpError(500, 'No access for the current user.');
            const query = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
            const showcase = options.showcase();
            const rank = new Map(showcase.map((s, i) => [s.id, i]));
            const all = store.allLeads().filter((v) => !query || `${v.Name} ${v.Company}`.toLowerCase().includes(query.toLowerCase()));
            all.sort(
                (a, b) =>
                    (rank.get(String(a.Id)) ?? 1e9) - (rank.get(String(b.Id)) ?? 1e9) ||
                    String(b.CreatedDate).localeCompare(String(a.CreatedDate))
            );
            const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
            const pageNumber = Math.min(pages, Math.max(1, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1));
            const users = new Map(store.users().map((u) => [u.id, u.name]));
            const byId = new Map(showcase.map((s) => [s.id, s]));
            const rows: LeadRow[] = all.slice((pageNumber - 1) * PAGE_SIZE, pageNumber * PAGE_SIZE).map((values) => ({
                values,
                owner: users.get(String(values.OwnerId)) ?? null,
                showcase: byId.get(String(values.Id)) ?? null
            }));
            const body =
                startHere(store.users(), user) +
                leadListPage(
                    access,
                    rows,
                    { page: pageNumber, pages, total: all.length, query },
                    { showcaseCount: query ? 0 : showcase.length }
                );
            return send(res, 200, pageShell(req, user, url.pathname + url.search, 'leads', 'Leads', body), TYPES['.html'] as string);
        }
        if (parts[0] === 'lead' && parts.length === 2) {
            const id = segment(parts[1]);
            const probe = store.getRecord(user.id, id, { optionalFields: ['Lead.Name'] });
            if (probe.status !== 200) {
                const message =
                    probe.status === 404
                        ? `There is no lead ${id}.`
                        : ((probe.body as Array<{ message: string }>)[0]?.message ?? 'This lead cannot be shown.');
                return send(res, probe.status, pageShell(req, user, path, 'lead', 'Lead', messagePage(message)), TYPES['.html'] as string);
            }
            const name = String((probe.body as { fields: Record<string, { value: unknown }> }).fields.Name?.value ?? 'Lead');
            const recordId = (probe.body as { id: string }).id;
            const asked = url.searchParams.get('formFactor');
            const shown = planFor(options.recordPage, asked === 'Small' || asked === 'Medium' ? asked : 'Large');
            const withRecord = shown.regions.map((region) => ({
                name: region.name,
                components: region.components.map((c) => ({
                    specifier: c.specifier,
                    properties: { ...c.properties, recordId, objectApiName: 'Lead' }
                }))
            }));
            const context = pageContext(user, { kind: 'record', recordId, objectApiName: 'Lead', regions: withRecord }, url);
            const values = store.leadValues(recordId);
            const sqlStatus = SQL_DEFINITION.stages.find((s) => s.key === 'SQL')?.status;
            const convertible =
                values?.IsConverted !== true && values?.Status === sqlStatus && store.accessOf(user.id)?.object('Lead').edit;
            return send(
                res,
                200,
                pageShell(
                    req,
                    user,
                    path,
                    'lead',
                    name,
                    (convertible ? convertForm(recordId) : '') + recordPageFrame(shown) + signalFormHtml(recordId, integrationUser(store)),
                    context
                ),
                TYPES['.html'] as string
            );
        }
        if (parts[0] === 'opportunity' && parts.length === 2) {
            const id = segment(parts[1]);
            const opportunity = store.table('Opportunity').get(id);
            const access = store.accessOf(user.id);
            if (!opportunity || !access?.object('Opportunity').read || !options.opportunityPage) {
                const message = !options.opportunityPage ? 'The project has no Opportunity record page.' : `There is no opportunity ${id}.`;
                return send(res, 404, pageShell(req, user, path, 'lead', 'Opportunity', messagePage(message)), TYPES['.html'] as string);
            }
            const asked = url.searchParams.get('formFactor');
            const shown = planFor(options.opportunityPage, asked === 'Small' || asked === 'Medium' ? asked : 'Large');
            // The preview's standard panels (highlights, details) are the Lead's: the Opportunity page shows its own header instead.
            const ours = {
                ...shown,
                regions: shown.regions.map((r) => ({ ...r, components: r.components.filter((c) => c.specifier.startsWith('c/')) }))
            };
            const withRecord = ours.regions.map((region) => ({
                name: region.name,
                components: region.components.map((c) => ({
                    specifier: c.specifier,
                    properties: { ...c.properties, recordId: id, objectApiName: 'Opportunity' }
                }))
            }));
            const context = pageContext(user, { kind: 'record', recordId: id, objectApiName: 'Opportunity', regions: withRecord }, url);
            const name = String(opportunity.Name ?? 'Opportunity');
            const account = store.table('Account').get(String(opportunity.AccountId));
            const body = opportunityHeader(opportunity, account?.Name ?? null, contactRolesOf(store, id)) + recordPageFrame(ours);
            return send(res, 200, pageShell(req, user, path, 'lead', name, body, context), TYPES['.html'] as string);
        }
        if (path === '/home') {
            const context = pageContext(
                user,
                { kind: 'app', regions: [{ name: 'main', components: [{ specifier: 'c/sdrQueue', properties: {} }] }] },
                url
            );
            return send(res, 200, pageShell(req, user, path, 'home', 'Home', appPageFrame(true), context), TYPES['.html'] as string);
        }
        if (path === '/dashboard') {
            const context = options.dashboardAvailable
                ? pageContext(
                      user,
                      {
                          kind: 'app',
                          regions: [
                              {
                                  name: 'main',
                                  components: [
                                      { specifier: 'c/coachingDashboard', properties: {} },
                                      // As the FlexiPage's visibility rule: managers (the team-funnel permission) see the review queue.
                                      ...(options.store().accessOf(user.id)?.customPermissions.has(TEAM_FUNNEL_PERMISSION)
                                          ? [{ specifier: 'c/evidenceReview', properties: {} }]
                                          : [])
                                  ]
                              }
                          ]
                      },
                      url
                  )
                : undefined;
            const store = options.store();
            const hasDashboard = (u: PreviewUser): boolean => store.accessOf(u.id)?.apexClasses.has(DASHBOARD_APEX_CLASS) ?? false;
            const seesTeams = (u: PreviewUser): boolean => store.accessOf(u.id)?.customPermissions.has(TEAM_FUNNEL_PERMISSION) ?? false;
            const note = !options.dashboardAvailable
                ? ''
                : !hasDashboard(user)
                  ? dashboardAccessNote(user, store.users().filter(hasDashboard))
                  : !seesTeams(user)
                    ? dashboardOwnLeadsNote(user, store.users().filter(seesTeams))
                    : '';
            return send(
                res,
                200,
                pageShell(req, user, path, 'dashboard', 'Coaching Dashboard', note + appPageFrame(options.dashboardAvailable), context),
                TYPES['.html'] as string
            );
        }
        if (path === '/definition' && options.studio) {
            const studio = options.studio;
            const allowed = canUseStudio(user);
            const body = allowed
                ? studioPageBody({
                      saved: studio.definition,
                      exportPath: studio.exportShown,
                      revisions: studio.revisions(),
                      definitionHash: studio.hash,
                      sampleHistoryLeads: studio.sampleHistoryLeads
                  })
                : studioNoAccessBody(user.name);
            return send(
                res,
                allowed ? 200 : 403,
                pageShell(req, user, path, 'definition', 'SQL definition', body),
                TYPES['.html'] as string
            );
        }
        throw new HttpError(404, `The preview has no page ${path}.`, 'NOT_FOUND');
    }

    return createServer((req, res) => {
        route(req, res).catch((error: unknown) => {
            if (error instanceof HttpError) return sendJson(res, error.status, [{ errorCode: error.errorCode, message: error.message }]);
            const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
            log(`preview: ${req.method} ${req.url} failed: ${message}`);
            sendJson(res, 500, [
                {
                    errorCode: 'UNKNOWN_EXCEPTION',
                    message: `The preview server failed on this request: ${error instanceof Error ? error.message : String(error)}`
                }
            ]);
        });
    });
}
