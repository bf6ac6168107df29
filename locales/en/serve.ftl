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
