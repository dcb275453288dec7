// **Layout** wraps every console page: header with navigation, skip link, one stylesheet, htmx, light and dark.
import type { Children } from '@kitajs/html';
import { S } from './strings.js';

export interface LayoutProps {
  readonly title: string;
  /** Which navigation entry is the current page. */
  readonly current?: 'discover' | 'ontology' | 'basket' | 'sparql' | 'console';
  /** `<link rel="alternate">` entries (the page's data in other formats). */
  readonly alternates?: ReadonlyArray<{ readonly type: string; readonly href: string }>;
  readonly children?: Children;
}

const NAV = [
  { key: 'discover', href: '/', label: S.nav.discover },
  { key: 'ontology', href: '/ontology', label: S.nav.ontology },
  { key: 'basket', href: '/basket', label: S.nav.basket },
  { key: 'api', href: '/docs', label: S.nav.api },
] as const;

export function Layout(props: LayoutProps): string {
  return '<!doctype html>' + (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        {/* htmx may not evaluate code from attributes nor add inline styles: the CSP forbids both. */}
        <meta name="htmx-config" content='{"allowEval":false,"includeIndicatorStyles":false,"selfRequestsOnly":true}' />
        <title safe>{`${props.title} — ${S.site}`}</title>
        <link rel="stylesheet" href="/assets/sheaf.css" />
        {(props.alternates ?? []).map((a) => <link rel="alternate" type={a.type} href={a.href} />)}
        <script src="/assets/vendor/htmx.min.js" defer></script>
        <script src="/assets/sheaf.js" defer></script>
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
        </header>
        <main id="main">{props.children}</main>
        <footer class="site"><p>{S.tagline}</p></footer>
      </body>
    </html>
  );
}
