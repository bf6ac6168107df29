# [[record]]: the regency's other DNS records (mail, SPF, DMARC, CAA, SRV), their
# grammar, where they may stand, and what the apex lacks.

zrecord-name-full = the name `{ $name }` is written in full: write it relative to the domain (`mail`, `_dmarc`), or `@` for the domain itself
zrecord-name-dot = the name `{ $name }` ends with a dot: write it relative to the domain, without the dot
zrecord-name-wildcard = a wildcard name (`*`) would make every unregistered name resolve: list each name instead
zrecord-name-label = the name `{ $name }` has an empty label, one longer than 63 characters, or one starting or ending with `-`
zrecord-name-char = the name `{ $name }` holds { $char }: only letters, digits, `-` and `_` are allowed
zrecord-form = a { $kind } value has the form `{ $form }`
zrecord-not-address = `{ $value }` is not an { $family } address
zrecord-number = `{ $value }` is not a number from 0 to { $max }
zrecord-host = `{ $host }` is not a host name: { $why }
zrecord-host-relative = `{ $host }` is not a full host name: write the whole name, such as `{ $host }.example.go.id.`
zrecord-caa-tag = the CAA tag `{ $tag }` is not letters and digits (`issue`, `issuewild`, `iodef`)
zrecord-caa-value = a CAA value may not hold { $char }
zrecord-txt-quoted = the text is in quotes: write it without them (laman quotes and splits it), or the quotes become part of the record
zrecord-type = the type `{ $kind }` is not one laman writes: { $types }
zrecord-invalid = { $who }: { $why }
zrecord-invalid-help = each type has its own form: MX `10 mail.example.go.id.`, TXT the text without quotes, CAA `0 issue "letsencrypt.org"`, SRV `10 5 5060 sip.example.go.id.`
zrecord-duplicate = { $who }: the same record is listed twice
zrecord-comment = { $who }: the comment { $why }
zrecord-collision = { $who }: the name belongs to { $whose }
zrecord-collision-help = addresses and aliases of an OPD's subdomain, of the portal and of the nameservers come from their own tables; give this record another name, or change the record there
zrecord-beside-cname = { $who }: the name has a CNAME, which allows no other record
zrecord-outside-help = use an address inside [hosting] { $family }, or let the Dinas widen the range if this server is its own
zrecord-apex-mx = { $domain } has no MX record: the zone laman writes would carry no mail for the regency's official addresses
zrecord-apex-mx-help = add a [[record]] with name = "@", type = "MX", value = "10 mail.{ $domain }." (or "0 ." if the domain receives no mail)
zrecord-apex-spf = { $domain } has no SPF record: anyone may send mail as @{ $domain }
zrecord-apex-spf-help = add a [[record]] with name = "@", type = "TXT", value = "v=spf1 mx -all" (or "v=spf1 -all" if the domain sends no mail)
zrecord-apex-dmarc = { $domain } has no DMARC record at _dmarc.{ $domain }
zrecord-apex-dmarc-help = add a [[record]] with name = "_dmarc", type = "TXT", value = "v=DMARC1; p=quarantine; rua=mailto:dmarc@{ $domain }"
zrecord-apex-caa = { $domain } has no CAA record: any certificate authority may issue certificates for it
zrecord-apex-caa-help = add a [[record]] with name = "@", type = "CAA", value = '0 issue "letsencrypt.org"' naming the authority the Dinas uses
