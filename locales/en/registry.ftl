# The registry (domains.toml): its grammar, rules and workflow.

grammar-text-help = names, titles, owners, purposes and reasons are one line of text (at most 200 characters, 500 for purposes and reasons), without tabs, control or direction characters
grammar-empty = is empty
grammar-too-long = has { $count } characters; at most { $max }
grammar-control = contains { $char }, a control or direction character; write it on one line, without tabs or invisible characters
grammar-decree-char = contains { $char }; a decree number has letters, digits, `/`, `.`, `-` and `_`
grammar-decree-edge = must start and end with a letter or digit
grammar-email-long = has more than 254 characters
grammar-email-no-at = has no `@`
grammar-email-local = has a name before `@` of 1 to 64 characters
grammar-email-char = contains { $char } before `@`; use letters, digits and . _ % + -
grammar-email-dots = has a dot at the start or end of its name, or two in a row
grammar-email-domain = `{ $host }` is not a mail domain
grammar-email-host = domain: { $why }
grammar-host-lowercase = must be lowercase
grammar-host-dot = ends with a dot
field-invalid = { $what } `{ $value }` { $why }
field-spam-term = [integrity] spam_terms entry
field-link-host = [integrity] link_hosts entry
field-link-host-help = write a host name (`bps.go.id`) or `*.` and a domain (`*.ac.id`)
field-history-reason = history reason
field-decree-number = decree number
field-decree-number-help = write the number as it stands on the decree, for example 555/031/KPTS/DISKOMINFO/2026
field-contact-help = write one official address, for example { $example }
registry-key-help = run `laman keygen FILE` and copy the line it prints into [integrity] public_key
registry-contact-domain = contact `{ $contact }` is not an address on { $domain }
registry-contact-domain-help = OPDs use the regency's official e-mail: name@{ $domain }
label-syntax = label `{ $label }`: { $why }
label-syntax-help = labels are lowercase letters, digits and hyphens, at most 63 characters, not starting or ending with a hyphen
label-reserved = label `{ $label }` is reserved
label-reserved-help = www, mail, ns1 and the like belong to the infrastructure, `portal` names the apex, and `_` labels are for service records; choose another label
label-nameserver = label `{ $label }` is the name of the nameserver `{ $ns }` in [hosting]
label-nameserver-help = the zone holds the nameserver's address at that name; choose another label, or another name for the nameserver
label-duplicate = label `{ $label }` is registered twice (first on line { $first })
label-duplicate-help = keep one entry per label; a label returns to use through a new request on the same entry
label-parent-unregistered = its parent `{ $parent }` is not registered
label-parent-status = its parent `{ $parent }` is { $status }
label-parent-owner = its parent `{ $parent }` is held by { $holder }, not by { $owner }
label-nested = nested label `{ $label }`: { $why }
label-nested-help = a name under another subdomain may only be held by the OPD that holds that subdomain, while it is approved
host-length = a host name has 1 to 253 characters
label-too-long = `{ $name }` is longer than 253 characters
label-char = contains `{ $char }`; only letters, digits and hyphens are allowed
label-hyphen = starts or ends with a hyphen
label-double-hyphen = has `--` in third and fourth place, which is kept for internationalised (xn--) names
regency-domain = the regency domain `{ $domain }` is not a domain name
regency-domain-form = `{ $domain }` is not of the go.id form of a regional government
regency-domain-form-help = regency domains are <name>kab.go.id, <name>kota.go.id or <name>prov.go.id; check for a typo
hosting-range = hosting range `{ $range }` is not an { $family } range
hosting-range-help = write ranges as { $example }
hosting-nameserver = nameserver `{ $ns }`: { $why }
hosting-glue-missing = nameserver `{ $ns }` lies inside { $domain } but has no address
hosting-glue-missing-help = add its addresses: glue = {"{"} "{ $ns }" = ["203.0.113.2"] {"}"} under [hosting]; the zone needs them
hosting-cname-allow = cname_allow `{ $name }`: { $why }
hosting-cname-allow-help = list host names (cdn.example.net) or suffixes (*.example.net)
hosting-glue-name = glue name `{ $ns }`: { $why }
hosting-glue-address = glue address `{ $address }` of `{ $ns }` is not an IP address
status-requested = requested
status-approved = approved
status-suspended = suspended
status-revoked = revoked
status-rejected = rejected
transitions-help = allowed: { $steps }
decree-missing = `{ $label }` is { $status } but has no decree
decree-missing-help = add decree = {"{"} number = "...", date = YYYY-MM-DD {"}"}: the use of a subdomain is fixed by a decree
decree-no-number = the decree of `{ $label }` has no number
decree-future = the decree of `{ $label }` is dated { $date }, in the future
decree-future-help = a subdomain is approved only once its decree is signed; check the date
decree-before-request = the decree of `{ $label }` ({ $date }) is dated before its request
decree-before-request-help = check the decree date; if the request was recorded on a later day than the OPD's letter, set `requested` and its history entry to the letter's date (`laman domains request --date` records the letter's date from the start)
history-mismatch = `{ $label }` is { $status } but its history ends with { $last }
history-mismatch-help = use `laman domains ...` to change a status: it updates both; or fix the status by hand
history-decree = the decree of `{ $label }` is { $decree } but its last approval in history cites { $cited }
history-nothing = nothing
history-transition = `{ $label }` goes from { $from } to { $to } in its history
history-backwards = the history of `{ $label }` goes back in time on { $date }
history-no-decree = the { $action ->
        [approved] approval
        [revoked] revocation
       *[other] { $action }
    } of `{ $label }` on { $date } cites no decree
history-no-decree-help = approvals and revocations are made by decree: add decree = "..." to the history entry
registry-content-missing = `{ $label }` is an approved site but content/{ $label } does not exist
registry-content-missing-help = create content/{ $label }/_index.md, or register it as kind = "service" if it is not built by laman
review-overdue = the review of `{ $label }` was due on { $date }
review-overdue-help = review the subdomain's use and set a new `review` date
word-or = or
record-who-portal = the portal
record-cname-apex = the portal (the zone apex) has a CNAME
record-cname-apex-help = a CNAME cannot stand beside the SOA and NS records of the apex; give the portal A/AAAA records
record-missing = `{ $label }` is approved but has no records
record-missing-help = add records = {"{"} A = ["..."] {"}"} with an address in the Dinas data center
record-cname-chain = `{ $label }` is a CNAME to { $target }, which is { $what ->
        [itself] itself
       *[other] another CNAME
    }
record-cname-chain-help = point the CNAME at the final name, or give the name A/AAAA records
record-cname-dangling = `{ $label }` is a CNAME to { $target }, which the zone will not hold: it is not an approved name of the registry
record-cname-dangling-help = point the CNAME at an approved name (or give the entry A/AAAA records), or register the target first
record-ttl = { $who }: TTL { $ttl } is outside { $min }..{ $max } seconds
record-ttl-help = use 300 to 3600 unless the Dinas has a reason
record-invalid-address = { $who }: { $record } record `{ $value }` is not an { $family } address
record-duplicate = { $who }: { $record } record { $ip } is listed twice
record-cname-invalid = { $who }: CNAME `{ $target }`: { $why }
record-cname-external = { $who }: CNAME to `{ $target }`, outside { $domain }
record-cname-external-help = everything is hosted in the Dinas data center; an outside target must be listed in cname_allow by the Dinas
record-cname-conflict = { $who }: a CNAME stands beside A/AAAA records
record-cname-conflict-help = a name with a CNAME can have no other records: keep either the CNAME or the addresses
record-outside = { $who }: { $ip } is outside the Dinas data center
record-outside-help = use an address inside [hosting] { $family }: every subdomain is hosted by the Dinas
registry-not-date = `{ $text }` is not a plain date
registry-not-date-help = write dates as YYYY-MM-DD, for example 2024-01-15
registry-unreadable = cannot read { $file } (is `{ $root }` a regency repository? give its folder with --root)
registry-parse-help = fix the TOML syntax or the field named; the schema is in the README
nginx-same-listen = --http and --https name the same address and port; nginx cannot serve plain http and https on one
nginx-listen-form = `{ $value }` is neither a port (1-65535) nor ADDRESS:PORT (127.0.0.1:8080, [::1]:8080)
nginx-listen-port-zero = port 0 is not a port nginx can listen on
nginx-listen-zone = an IPv6 zone or flow label is not accepted
nginx-path-not-utf8 = is not UTF-8
nginx-path-relative = is not an absolute path
nginx-path-character = contains { $code } (`$`, a control or direction character), which nginx cannot read as part of a path
nginx-label-problem = the label `{ $label }`: { $why }
nginx-frame-host-problem = the iframe host `{ $host }`: { $why }
nginx-alias-problem = the alias `{ $alias }` of { $file } cannot be written as an nginx redirect
edit-cannot = cannot edit { $file }
edit-not-utf8 = domains.toml is not UTF-8 text
edit-syntax-help = fix the TOML syntax first
edit-unknown = there is no subdomain `{ $label }` in domains.toml
edit-unknown-help = check the label with `laman domains list`; a new subdomain starts with `laman domains request`
edit-exists = `{ $label }` is already registered ({ $status })
edit-exists-help = a label can be requested again only after it was revoked or rejected
edit-transition-again = a revoked or rejected subdomain must be requested again before it can be approved
edit-transition = `{ $label }` is { $status }; it cannot be { $to }
edit-cannot-lock = cannot lock the registry's folder { $folder }
edit-locked = another `laman domains` edit has held the registry for { $seconds } s
edit-locked-help = wait until the other edit ends (or end it), then run the command again
edit-changed = domains.toml changed while this edit was being made
edit-changed-help = someone else edited the registry at the same time; run the command again on the new file
edit-subdomain-array = `subdomain` must be an array of tables ([[subdomain]])
edit-done-requested = requested `{ $label }` for { $owner }
edit-done-approved = approved `{ $label }` by decree { $decree } of { $date }
edit-done-status = { $word } `{ $label }`
edit-done-revoked = revoked `{ $label }` by decree { $decree } of { $date }
edit-not-ipv4 = --a `{ $ip }` is not an IPv4 address
edit-not-ipv6 = --aaaa `{ $ip }` is not an IPv6 address
edit-not-date = `{ $text }` is not a date
edit-not-date-help = write the date as YYYY-MM-DD, for example 2026-11-25
edit-value = the { $what ->
        [decree] decree number
       *[other] { $what }
    } { $why }

# The workflow's dates and decrees (issue 25, point 4).
edit-unknown-near = did you mean `{ $label }`? (`laman domains list` shows every label)
edit-done-suspended-decree = suspended `{ $label }` by decree { $decree } of { $date }
edit-date-future = the date { $date } is in the future
edit-date-future-help = give the date of the letter or decree as signed, today or earlier
domains-list-empty = domains.toml has no subdomain yet: record an OPD's request with `laman domains request LABEL --owner ... --contact ...`
domains-list-none = no subdomain is { $status }
grammar-decree-space = holds a space; a decree number is written without spaces
grammar-decree-space-sk = holds a space: write the number alone, without "SK": `{ $number }`
grammar-decree-help = a decree number is letters and digits with `/ . - _` between them, as signed, such as 555/031/KPTS/DISKOMINFO/2026
