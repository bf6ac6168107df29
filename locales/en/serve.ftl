# laman serve: the preview server and its error overlay.

serve-cannot-listen-port = cannot listen on { $addr }: { $reason } (choose another --port)
serve-cannot-listen = cannot listen on { $addr }
serve-cannot-watch = cannot watch { $root }
serve-started = laman serve: http://localhost:{ $port }/ (the portal) and http://<label>.localhost:{ $port }/ (each site); Ctrl+C stops
overlay-no-site = No site answers to { $host }
overlay-not-found = Page not found
overlay-title = { $errors ->
        [one] { $errors } error: the page cannot be published yet
       *[other] { $errors } errors: the page cannot be published yet
    }
overlay-help = What to do:
overlay-reload = This page reloads by itself once the file is fixed.
preview-unpublished-title = Preview only: this site is not public
preview-unpublished = Subdomain { $label } is { $word } in domains.toml: { $status ->
        [suspended] visitors see only the Dinas's suspension notice, and links from other sites lead to that notice.
        [requested] the site is not approved yet; it is published once its decree is recorded, and until then other sites' links to it are plain text.
       *[other] the site is not published, and other sites' links to it are plain text.
    } Nothing of it is written to the output, the manifest or the search index. { $problems ->
        [0] Its content has no problem that would stop its build.
        [one] One problem would stop its build once approved:
       *[other] { $problems } problems would stop its build once approved:
    }
# A draft's writing guidance in the preview (src/render/guidance.rs).
preview-guidance-title = Writing guidance (shown in the preview only)
