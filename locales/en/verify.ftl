# laman verify: the live sites against the build.

verify-spam-term = the term "{ $term }"
verify-spam-hidden = text hidden by { $style } (`{ $found }`)
verify-http-client = cannot start the HTTP client
verify-unknown-site = --site { $site }: no approved, suspended or revoked site has that label
verify-insecure = --insecure-localhost accepts any certificate, so every site must be reached on a loopback address: add --resolve '{ $fqdn }:127.0.0.1:PORT' (or '*:127.0.0.1:PORT'), or trust the server's authority with --ca FILE instead
verify-out-no-manifest = --out { $dir }: no { $file } there; give the folder `laman build` wrote
verify-cannot-read = cannot read { $file }
verify-manifest-large = { $file } is larger than a manifest can be ({ $max } MiB)
verify-unsigned = it is not signed, but domains.toml registers a key
verify-untrusted = the manifest { $what } cannot be trusted: { $problem }
verify-untrusted-help = build with --sign-key and the registered key, and publish that build; a manifest that was changed after signing means the server was tampered with
verify-suspended-silent = { $url } (suspended) gives no answer: { $why }; it should answer 503 with the suspension notice
verify-suspended-answers = { $url } is suspended by decree but answers HTTP { $status } instead of the 503 notice
verify-suspended-help = install the nginx configuration `laman domains nginx` writes, which serves the notice
verify-revoked-answers = { $url } is revoked by decree but still answers (HTTP { $status })
verify-revoked-help = remove the name from the web server (and the zone): a revoked name must not answer
verify-site-unreachable = https://{ $fqdn }/ cannot be checked: { $why }
verify-site-unreachable-help = check that the site is up, its name resolves and its certificate is valid (--ca for a private authority)
verify-redirects = redirects to { $to }
verify-too-large = is larger than a manifest can be
verify-not-there = is not there
verify-answers = answers HTTP { $status }
verify-manifest = the manifest { $url } { $why }
verify-manifest-help = publish the output of `laman build` whole: every site carries its manifest
verify-build-no-manifest = the build output has no manifest for { $fqdn }
verify-build-no-manifest-help = give --out the folder the last `laman build` wrote, or build with this site
verify-manifest-differs = the manifest { $url } differs from the build's
verify-manifest-differs-help = the server holds another build (or a tampered manifest): publish the build again
verify-other-site = is for { $site }, not this site
verify-manifest-error = the manifest { $url }: { $reason }
verify-fetch-failed = { $url } could not be fetched: { $why }
verify-file-missing = { $url } is listed in the manifest but the server answers HTTP { $status }{ $redirect ->
        [no] {""}
       *[yes] {" "}to { $to }
    }
verify-file-missing-help = publish the build again (the file was removed or moved on the server)
verify-served = { $bytes } bytes served
verify-served-more = more than { $bytes } bytes served
verify-file-changed = { $url } differs from what was built ({ $served }, { $built } built)
verify-file-changed-help = someone changed this file on the server: find out who, then publish the build again
verify-spam = { $url } carries gambling spam: { $hits }
verify-spam-help = the server has been broken into: take the site down, keep the evidence, tell the Dinas's security team, then publish the build again
verify-header-absent = { $header } on { $count } answer(s), first /{ $first }
verify-headers = https://{ $fqdn }/ is served without security headers: { $absent }
verify-headers-help = serve the site with the configuration `laman domains nginx` writes (it sets Content-Security-Policy, Strict-Transport-Security and X-Content-Type-Options)
verify-unexpected = { $url } answers 200 but is not in the manifest
verify-unexpected-help = a file was added on the server that laman did not build: remove it and find out how it got there
verify-ca-pem = --ca: not a PEM certificate: { $reason }
verify-https-client = cannot set up the HTTPS client: { $reason }
verify-timeout = no answer within the time limit (--timeout)
verify-bad-resolve = `{ $text }` is not HOST:ADDR[:PORT], for example dinkes.sukamajukab.go.id:127.0.0.1:8443 or '*:[::1]:8443'
