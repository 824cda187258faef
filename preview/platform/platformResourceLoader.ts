/**
 * lightning/platformResourceLoader for the local preview: loads a script or style sheet once per
 * URL (static resources are served from force-app/main/default/staticresources at /preview/resources/).
 */
const loaded = new Map<string, Promise<void>>();

function load(url: string, create: () => HTMLScriptElement | HTMLLinkElement): Promise<void> {
    let pending = loaded.get(url);
    if (!pending) {
        pending = new Promise<void>((resolve, reject) => {
            const element = create();
            element.onload = () => resolve();
            element.onerror = () => reject(new Error(`Could not load ${url}`));
            document.head.appendChild(element);
        });
        pending.catch(() => loaded.delete(url));
        loaded.set(url, pending);
    }
    return pending;
}

export function loadScript(_component: unknown, url: string): Promise<void> {
    return load(url, () => {
        const script = document.createElement('script');
        script.src = url;
        script.async = false;
        return script;
    });
}

export function loadStyle(_component: unknown, url: string): Promise<void> {
    return load(url, () => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = url;
        return link;
    });
}
