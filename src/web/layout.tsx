// **Layout** wraps every console page: header with navigation, skip link, one stylesheet, htmx, light and dark.
import type { Children } from '@kitajs/html';
import { S } from './strings.js';

export interface LayoutProps {
  readonly title: string;
  /** Which navigation entry is the current page. */
  readonly current?: 'discover' | 'ontology' | 'basket' | 'sparql' | 'console';
  /** `<link rel="alternate">` entries (the page's data in other formats). */
  readonly alternates?: ReadonlyArray<{ readonly type: string; readonly href: string }>;
  /** The signed-in user's name and the sign-out form's CSRF token, on console pages (public pages stay the same for all). */
  readonly user?: { readonly name: string; readonly role: string; readonly csrf: string };
  /** Further stylesheets and scripts of this page only (the SPARQL editor's), all served by sheaf itself. */
  readonly styles?: readonly string[];
  readonly scripts?: readonly string[];
  /** Seconds after which a browser without JavaScript reloads the page (a run's progress); htmx polls instead. */
  readonly noScriptRefresh?: number;
  readonly children?: Children;
}

const NAV = [
  { key: 'discover', href: '/', label: S.nav.discover },
  { key: 'ontology', href: '/ontology', label: S.nav.ontology },
  { key: 'basket', href: '/basket', label: S.nav.basket },
  { key: 'sparql', href: '/sparql', label: S.nav.sparql },
  { key: 'console', href: '/console', label: S.nav.console },
  { key: 'api', href: '/docs', label: S.nav.api },
] as const;

function SignOut({ user }: { user: NonNullable<LayoutProps['user']> }): JSX.Element {
  return (
    <form class="sign-out" method="post" action="/sign-out">
      <input type="hidden" name="_csrf" value={user.csrf} />
      <span class="who"><span safe>{user.name}</span> <span class="hint" safe>({user.role})</span></span>{' '}
      <button type="submit" class="secondary">{S.nav.signOut}</button>
    </form>
  );
}

export function Layout(props: LayoutProps): string {
  return '<!doctype html>' + (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        {/* htmx may not evaluate code from attributes nor add inline styles: the CSP forbids both. */}
        <meta name="htmx-config" content='{"allowEval":false,"includeIndicatorStyles":false,"selfRequestsOnly":true}' />
        {props.noScriptRefresh ? <noscript><meta http-equiv="refresh" content={String(props.noScriptRefresh)} /></noscript> : ''}
        <title safe>{`${props.title} — ${S.site}`}</title>
        {(props.styles ?? []).map((href) => <link rel="stylesheet" href={href} />)}
        <link rel="stylesheet" href="/assets/sheaf.css" />
        {(props.alternates ?? []).map((a) => <link rel="alternate" type={a.type} href={a.href} />)}
        <script src="/assets/vendor/htmx.min.js" defer></script>
        <script src="/assets/sheaf.js" defer></script>
        {(props.scripts ?? []).map((src) => <script src={src} defer></script>)}
      </head>
      <body>
        <a class="skip" href="#main">{S.skip}</a>
        <header class="site">
          <a class="brand" href="/">{S.site}</a>
          <nav aria-label="Main">
            <ul>
              {NAV.map((n) => (
                <li><a href={n.href} aria-current={props.current === n.key ? 'page' : undefined}>{n.label}</a></li>
              ))}
            </ul>
          </nav>
          {props.user ? <SignOut user={props.user} /> : ''}
        </header>
        <main id="main">{props.children}</main>
        <footer class="site"><p>{S.tagline}</p></footer>
      </body>
    </html>
  );
}
