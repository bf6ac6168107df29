# Content: front matter, site settings, folders and pages.

fm-field = front matter: { $detail }
fm-unknown-field = front matter: unknown field `{ $field }`
fm-unknown-field-near = did you mean `{ $near }`? custom fields go under `extra` ([extra] in TOML)
fm-unknown-field-help = check the spelling (the fields are: { $fields }); custom fields go under `extra` ([extra] in TOML)
fm-missing-field = front matter: missing field `{ $field }`
fm-title-missing = front matter: missing field `title`
fm-title-help = every page and section needs a title, for example: title = "Visi dan Misi"
fm-fields-help = see docs/panduan-editor.md, section 3, for the fields and their types
fm-title-empty = `title` is empty
fm-too-large = the front matter is { $size } KiB; at most { $max } KiB is read
fm-too-large-help = keep long text in the page's body, below the front matter
fm-too-deep = the front matter nests lists or tables more than { $max } deep
fm-too-deep-help = flatten the structure: front matter holds a page's fields, not data trees
fm-none = the file does not start with front matter
fm-none-help = start the file with a +++ line, then title = "...", then another +++ line
fm-fence-alone = the opening `{ $fence }` must stand alone on the first line
fm-unclosed = the front matter opened on line 1 is never closed with `{ $fence }`
fm-unclosed-help = add a line with only { $fence } after the last front-matter field
fm-toml = TOML front matter: { $detail }
fm-toml-help = strings need quotes (title = "..."); dates are written 2026-11-20
fm-yaml = YAML front matter: { $detail }
fm-yaml-help = each field is `name: value`; quote values that contain a colon
fm-not-a-date = `{ $key }` is not a date: `{ $text }`
fm-date-help = write a date as 2026-11-20 or a time as 2026-11-20T08:30:00+07:00
fm-review-help = a reviewer acknowledges the page: [tinjauan_spam] oleh = "Nama, Jabatan", tanggal = 2026-11-20, alasan = "..."
fm-review-no-reviewer = `tinjauan_spam.oleh` is empty
fm-review-date = `tinjauan_spam.tanggal` is not a date: `{ $text }`
read-not-utf8 = the file is not UTF-8 text
read-not-utf8-help = save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)
site-settings = site settings: { $detail }
site-settings-help = the fields of _site.toml are listed in docs/panduan-editor.md, section 9
site-theme-name = theme `{ $theme }` is not the name of a folder in themes/
site-theme-name-help = a theme is a folder themes/<name>/ of the regency repository: give its plain name, without `/` or `..`
site-catalogue-directory = [services] catalogue `{ $catalogue }` is the address of the OPD directory
site-catalogue-directory-help = choose another section, for example catalogue = "layanan"
site-catalogue-path = [services] catalogue `{ $catalogue }` is not a section path
site-catalogue-path-help = name a section of the portal as its address shows it, for example catalogue = "layanan"
site-topic = [services.topics] `{ $topic }` must be a lowercase word (letters, digits, `-`) with a name
site-topic-help = for example: pertanahan = "Pertanahan dan Tata Ruang"
site-iframe-host = [embeds] iframe host `{ $host }`: { $why }
site-iframe-host-help = name the host alone, in lowercase, for example www.openstreetmap.org (no https://, port, path or *)
content-root-link = `content` is a symbolic link; it is not read
content-root-link-help = the content folders live in the regency repository itself, in content/
content-folder-not-site = content folder `{ $name }` is not published: subdomain `{ $name }` is registered as a { $kind } and not as a site
content-folder-unapproved = content folder `{ $name }` is not published: subdomain `{ $name }` is { $status } in { $registry }
content-folder-unapproved-help = the folder is kept but never built; it is published once the subdomain is approved as a site
content-folder-prepared-help = its content is still checked (problems are warnings until it is approved, then errors) and previewed by `laman serve`; it is never published, and links to it are warnings
content-folder-prepared = site `{ $name }` is prepared before its decree: its subdomain is still requested, so the site is not published yet
content-folder-prepared-notice-help = nothing to fix here. Its content is still checked and previewed by `laman serve` (its problems are warnings until the decree, then errors). The site is published once the Dinas records the decree with `laman domains approve { $name }`
content-folder-link = content folder `{ $name }` is a symbolic link; it is not read
content-folder-link-help = a site reads only its own folder: put the site's files in content/<label>/ itself
content-unregistered = content folder `{ $name }` has no entry in { $registry }
content-unregistered-near = did you mean `{ $label }`? rename the folder to content/{ $label }
content-unregistered-help = rename the folder to an approved label, or request the subdomain with `laman domains request { $name }`
content-index-md = index.md at the top of a site would take the place of the home page
content-index-md-help = the home page of a site is _index.md; rename this file
content-section-service = a section (_index.md) cannot describe a service: [layanan] belongs on a page
content-section-service-help = put each service on its own page in the section, for example layanan/ktp-elektronik.md
content-services-portal-only = [services] catalogue and [services.topics] belong in the portal's settings
content-services-portal-only-help = move them to content/portal/_site.toml; an OPD site may set only maklumat
content-page-too-large = the file is larger than { $max } MiB, the most a page may be
content-page-too-large-help = split it into several pages, or publish it as a PDF download beside the page
content-no-slug = this file's name gives no address (no letters or digits)
content-no-slug-help = rename the file, or set slug = "..." in its front matter
code-unapproved = { $what }: code that only sites the Dinas allows may carry
code-unapproved-help = remove the file, or ask the Dinas to set `custom_code = true` on this site's entry in domains.toml (`[portal] custom_code = true` for the portal)
code-template = a template of the site's own
code-server-config = web server configuration
code-html = an HTML page
code-script = a script
code-wasm = a WebAssembly module
code-flash = a Flash program
code-css = a style sheet
code-xsl = an XSL style sheet
code-svgz = a compressed SVG image (its content cannot be checked)
code-server-script = a server script
code-svg = an SVG image with script, event handlers or embedded HTML
code-xml = an XML file with script, a style sheet or embedded HTML
did-you-mean = did you mean `{ $name }`?
service-not-table = `layanan` must be a table of the service's components
service-not-table-help = write [layanan] on its own line, then the components (see docs/panduan-editor.md, section 7)
service-fields = the fields of [layanan] are: { $fields }
service-unknown-field = [layanan] has no field `{ $key }`
service-topic-word = `topik` must be one word from the list of topics
service-topic-word-help = for example: topik = "kependudukan" (the list is in docs/panduan-editor.md, section 7)
service-topic-missing = the service has no `topik`: the catalogue groups services by topic
service-topic-missing-help = add topik = "..." to [layanan], for example topik = "kesehatan"
service-staff-count = `jumlah_pelaksana` must be a whole number of people or a text
service-staff-count-help = for example: jumlah_pelaksana = 6, or "6 orang petugas loket"
service-components-missing = the service standard is incomplete: { $count ->
        [one] { $count } component is
       *[other] { $count } components are
    } not written in [layanan]
    { $list }
service-component-line = - `{ $key }` ({ $title }): { $group ->
        [delivery] required by UU 25/2009 Pasal 21
       *[other] expected by PermenPANRB 15/2014
    }
service-delivery-help = add each of them as name = "..." to [layanan]. Those UU 25/2009 Pasal 21 requires stop the site's build until written; those PermenPANRB 15/2014 expects are warnings
service-management-help = add each of them as name = "..." to [layanan]. PermenPANRB 15/2014 expects them; their absence does not stop the build
service-list-item = every item of `{ $key }` must be a non-empty text
service-list-item-help = write the list as ["first item", "second item"]
service-text = `{ $key }` must be a text or a list of texts
service-text-help = for example: { $key } = "..." or { $key } = ["...", "..."]
service-time = `waktu` is not a time: `{ $shown }`
service-time-help = write a number and a unit: "14 hari kerja", "1-3 hari kerja", "2 jam", "30 menit", or {"{"} jumlah = 14, satuan = "hari kerja" {"}"}
service-cost-help = write "Gratis", an amount in rupiah (50000 or "Rp 50.000"), or a list of items: [{"{"} uraian = "...", tarif = 50000 {"}"}]
service-cost-amount = `biaya` is neither an amount nor "Gratis": `{ $shown }`
service-cost-item-table = each item of `biaya` must be a table {"{"} uraian = ..., tarif = ... {"}"}, not `{ $shown }`
service-cost-item-field = an item of `biaya` has the field `{ $key }`; the fields are uraian, tarif, satuan, keterangan
service-cost-item-what = an item of `biaya` has no `uraian` (what is paid for)
service-cost-item-tarif = the item `{ $what }` of `biaya` has no `tarif`
service-cost-item-amount = the `tarif` of `{ $what }` is neither an amount nor "Gratis": `{ $shown }`
ppid-fields = the fields of { $table } are: { $fields }
ppid-unknown-field = { $table } has no field `{ $key }`
ppid-an-item = a [ppid] item
ppid-not-table = `ppid` must be a table
ppid-not-table-help = write [ppid], then [[ppid.informasi]] for each item (see docs/panduan-editor.md, section 8)
ppid-list-scope = `daftar` must be "situs" or "kabupaten", not `{ $list }`
ppid-list-scope-help = daftar = "situs" shows the site's whole list here; "kabupaten" (on the portal) every site's
ppid-items-list = `informasi` must be a list of items
ppid-items-list-help = write each item as a [[ppid.informasi]] table
ppid-item-table = an item of [ppid] informasi must be a table, not `{ $value }`
ppid-item-table-help = write each item as a [[ppid.informasi]] table with judul and klasifikasi
ppid-item-text = `{ $key }` of a [ppid] item must be a text, not `{ $other }`
ppid-item-text-help = write { $key } = "..."
ppid-item-no-title = a [ppid] item has no `judul`
ppid-item-no-title-help = every item needs its title: judul = "Laporan Keuangan 2025"
ppid-item-no-class = a [ppid] item has no `klasifikasi`
ppid-item-no-class-help = klasifikasi = "berkala", "serta-merta", "setiap-saat" or "dikecualikan"
ppid-item-class = `{ $class }` is not a classification of public information
ppid-item-class-help = klasifikasi = "berkala", "serta-merta", "setiap-saat" or "dikecualikan" (UU 14/2008)
ppid-item-date = `diperbarui` is not a date: `{ $text }`
ppid-item-date-help = write the date as 2026-07-15
ppid-exempt-ground = `{ $title }` is exempt information without its legal ground
ppid-exempt-ground-help = UU 14/2008 Pasal 17 lists what may be exempt: add dasar_hukum = "..." naming the article
ppid-exempt-test = `{ $title }` is exempt information without a consequence test
ppid-exempt-test-help = UU 14/2008 Pasal 2 ayat 4: add uji_konsekuensi = "..." naming the PPID's decision
# Markdown: links, headings, images and raw HTML.

link-not-at = `{ $link }` is not an @ link
link-no-site = there is no published site `{ $label }`
link-no-page = { $own ->
        [yes] this site
       *[other] site `{ $site }`
    } has no page `{ $path }` (a misspelt name, a moved file, or a draft?)
link-no-heading = broken link `{ $url }`: the page has no heading `#{ $id }`
link-no-heading-help = a heading's id is its text in lower case with hyphens (## Visi dan Misi → #visi-dan-misi), or the id given as ## Judul {"{"}#id{"}"}
link-broken = broken link `{ $url }`: { $why }
link-broken-near-help = did you mean `{ $near }`? If not, check the file name in the link: @/folder/page.md for a page of this site, @label/page.md for another site
link-broken-help = write @/path/under/the/site.md for this site, @label/path.md for another site, @portal/... for the portal
link-unpublished = link `{ $url }` goes to `{ $label }`, whose subdomain is { $word } in domains.toml: { $status ->
        [suspended] the site is suspended, so the link stays and leads to the Dinas's suspension notice
        [requested] the site is not approved yet, so the link is written as plain text until its decree
       *[other] the site is not published, so the link is written as plain text
    }
link-unpublished-help = this does not stop the build; { $status ->
        [suspended] remove the link if the site is not coming back
        [requested] the link works once the site is approved and built
       *[other] remove the link or point it at a published page (the portal's directory lists them)
    }
link-script = the address `{ $url }` can run code in the reader's browser
link-not-allowed = the address `{ $url }` is not an address content may link to
link-allowed-help = link only to http(s), mailto: or tel: addresses, or to files of the site
heading-attribute = the heading attribute `{ $shown }` is not allowed (only {"{"}#id{"}"} and {"{"}.class{"}"})
heading-id = the heading id `{ $id }` is not allowed: { $rule }
heading-class = the heading class `{ $class }` is not allowed: { $rule }
heading-attribute-help = a heading's attribute block may hold only an id and classes: ## Judul {"{"}#id .kelas{"}"}; ids and classes are letters, digits, - and _
image-alt = an image has no description (alt text)
image-alt-help = write what the image shows between the brackets: ![Bagan struktur organisasi](bagan.svg)
markdown-name-rule = ids and classes are letters, digits, `-` and `_` (at most 64), and not one the theme uses itself (such as konten, lewati, kepala, kaki, menu, or an id starting with standar-, dip- or katalog-)
markdown-too-deep = the page nests lists, quotes or other blocks more than { $max } deep
markdown-too-deep-help = flatten the structure: no page needs blocks this deep
html-alt-help = add alt="..." saying what the image shows
html-too-deep-help = flatten the HTML: no page needs elements nested this deep
html-iframe-help = a map or video from another site may be embedded only when its host (e.g. www.openstreetmap.org) is listed in [embeds] iframe_hosts of the site's _site.toml: ask the Dinas Kominfo to list it. Until then, replace the embed with a plain link.
html-attribute-help = allowed are id, class, title, lang, dir, role and aria-label on any element, and the attributes docs/panduan-editor.md, section 4, lists for a, img, table cells and a few more; write it in markdown instead
html-style-help = content may not style itself; align table columns with markdown (|:---|---:|)
html-unclosed-help = close it (`>` for a tag, `-->` for a comment)
html-element-help = remove it: content may not carry scripts, embeds, forms or page metadata; write it in markdown instead
html-element-dangerous = raw HTML `<{ $tag }>` is not allowed in content
html-element = raw HTML `<{ $tag }>` is not allowed in content and would be removed
html-handler = raw HTML `<{ $tag } { $attr }=...>`: event handlers run scripts and are not allowed
html-attribute = raw HTML `<{ $tag } { $attr }=...>`: the attribute `{ $attr }` is not allowed here and would be removed
html-address-script = raw HTML `<{ $tag }>` points at `{ $url }`, which can run code
html-address = raw HTML `<{ $tag }>` points at `{ $url }`, an address that is not allowed and would be removed
html-style = raw HTML `<{ $tag } style="{ $style }">`: styles are not allowed in content
html-name = the { $attr } `{ $value }` is not allowed
html-iframe = an iframe from `{ $src }` is not allowed for this site
html-unclosed = raw HTML `{ $what }` is not closed, so it would swallow what follows it
html-alt = an <img> has no alt text
html-too-deep = raw HTML nests elements more than { $max } deep
# Gambling spam and outside links.

spam-review-help = remove it; if the page must name it (an article about the fight against judi online), a reviewer acknowledges the page in its front matter: [tinjauan_spam] oleh = "Nama, Jabatan", tanggal = 2026-11-20, alasan = "..." (see docs/panduan-editor.md, section 11)
spam-link-help = check the address: spam campaigns plant links to gambling sites; if the host is a legitimate partner, the Dinas adds it to `[integrity] link_hosts` in domains.toml
spam-settings-term = the site's settings carry the gambling-spam term `{ $term }` (written `{ $found }`)
spam-settings-term-help = remove it from _site.toml
spam-settings-link = the site's settings link to `{ $host }`, outside `*.go.id` and the regency's allowed hosts
spam-term = `{ $term }` is a gambling-spam term (written `{ $found }`{ $in_name ->
        [yes] , in the file name
       *[no] {""}
    })
spam-hidden = text hidden with `{ $style }`
spam-link = a link to `{ $host }`, outside `*.go.id` and the regency's allowed hosts
spam-acknowledged = gambling terms acknowledged by { $by } on { $date }: { $terms }
spam-acknowledged-help = published; check the acknowledgment again whenever the page changes
spam-where-name = file name
spam-where-line = line { $line }
spam-page-term = carries the gambling-spam term `{ $term }` (written `{ $found }`), which no markdown page has
spam-page-hidden = hides text with `{ $style }` (`{ $found }`)
spam-page-link = links to `{ $host }`, outside `*.go.id` and the regency's allowed hosts
spam-rendered = the rendered page `{ $page }`{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    } { $what }: it comes from template `{ $template }` (or a template it extends or includes, or the site's settings)
spam-template-help = remove it from the template; templates are checked like pages, and the theme's own never hide text by inline style
# Templates and output paths.

theme-missing = there is no theme `{ $name }`
theme-missing-help = create themes/{ $name }/templates/ in the regency repository, or remove `theme` to use the built-in { $default }
template-not-utf8 = the template is not UTF-8 text
template-missing-help = a template extends or includes one that does not exist; check the names in {"{"}% extends %{"}"} and {"{"}% include %{"}"}
template-macro-loop = the macro `{ $name }` calls itself ({ $chain }): rendering it would never end
template-macro-loop-help = a macro may call other macros, but no chain of calls may come back to it
template-error = template: { $detail }
template-error-help = fix the template; the Tera syntax is described at keats.github.io/tera/docs
template-unknown = there is no template `{ $name }`
template-unknown-help = use one of: { $known }; or add the template to the theme
path-collision = `{ $one }` and `{ $other }` both become /{ $path }
path-collision-help = rename one of them, or give one a different slug in its front matter
asset-dir-reserved = `{ $file }` would become /{ $path }, but /{ $dir }/ holds only the theme's fingerprinted files
asset-dir-reserved-help = move the file to another folder; /{ $dir }/ is kept for laman (browsers keep what is there for a year)
# The service catalogue and PPID lists across the regency.

catalogue-link-not-allowed = `{ $link }` is not an address a page may link to
catalogue-over-list = the service catalogue would take the place of { $what ->
        [news] the news section
       *[ppid] a PPID page
    } at { $path }
catalogue-over-list-help = give the catalogue a section of its own: catalogue = "layanan" in [services] of content/portal/_site.toml, with content/portal/layanan/_index.md holding only its introduction
catalogue-topic = `{ $topic }` is not a topic of the service catalogue
catalogue-topic-near = did you mean `{ $near }`? Topics: { $known }
catalogue-topic-help = use one of: { $known }; or the regency adds it in content/portal/_site.toml under [services.topics]
ppid-stale = `{ $title }` is information published periodically, last renewed on { $date }: more than { $months } months before { $as_of }
ppid-stale-help = publish the current version and set diperbarui to its date (UU 14/2008 Pasal 9: at least every six months)
ppid-undated = `{ $title }` is information published periodically without the date it was last renewed
ppid-undated-help = add diperbarui = YYYY-MM-DD, the date it was last published
ppid-link = tautan of `{ $title }`: { $why }
ppid-link-help = link a page of the site as @/path.md, another site as @label/path.md, or an https:// address
ppid-regency-list = daftar = "kabupaten" (the whole regency's list) belongs on the portal's PPID Utama
ppid-regency-list-help = write daftar = "situs" for this site's own list

# Reading files.

input-outside = not read: { $reason }
input-outside-help = laman reads only the site's own folder and the regency's theme: replace the link by the file itself, or remove it
input-unreadable = cannot read the file: { $reason }
input-unreadable-help = check that the file exists and that its permissions let laman read it
input-name-not-utf8 = the name `{ $name }` is not UTF-8 text (it was saved in another encoding)
input-name-not-utf8-help = rename it with letters, digits, `-` and `_`: the name becomes part of a web address

# The build.

stage-read-registry = reading the registry
stage-read-content = reading the content
stage-render = rendering pages
stage-write = writing the output
stage-unchanged = nothing changed
build-cannot-list = cannot list { $dir }
build-unknown-site = --site { $site }: there is no approved site with content by that label; sites: { $sites }
build-cannot-write = cannot write the output
build-no-staging = no site reached the staging folder
build-sign-key-other = --sign-key: this key ({ $key }) is not the one in domains.toml ([integrity] public_key = "{ $registered }"); sign with the registered key, or have the Dinas register this one
build-sign-key-none = --sign-key: domains.toml registers no key; add `public_key = "{ $key }"` under [integrity] (a Dinas decision, like any registry change), then build again
out-root-unresolved = cannot resolve the regency root `{ $root }`: { $reason }
out-unresolved = cannot resolve --out `{ $out }`: { $reason }
out-unreadable = cannot read --out `{ $out }`: { $reason }
out-refused = refusing to write the output into `{ $out }`: { $why }; laman replaces its output folder whole, so give --out a new or empty folder outside content/ and themes/ (the default is ROOT/public)
out-is-root = it is the regency root itself
out-holds-root = it holds the regency root `{ $root }`
out-in-input = it is or lies inside the input `{ $name }`
out-holds-input = it holds the input `{ $name }`
out-is-link = it is a symbolic link (to `{ $target }`), which a build would replace with a folder
out-is-file = it is a file
out-foreign = it is a folder laman did not write (it holds `{ $name }` and no { $marker })
input-not-regular = `{ $path }` is not a regular file (a device, pipe or socket)
input-link-as-folder = `{ $path }` is a symbolic link where a folder belongs; laman follows no links to folders
input-link-dangling = `{ $path }` is a symbolic link to nothing (a dangling link)
input-link-through-folder = `{ $path }` goes through a symbolic link to a folder; laman follows no links to folders
input-link-to-folder = `{ $path }` is a symbolic link to a folder; laman follows no links to folders
input-no-file = `{ $path }` names no file
input-link-out = `{ $path }` is a symbolic link that leads out of its folder
input-link-hidden = `{ $path }` is a symbolic link into a hidden folder or file
input-link-chain = `{ $path }` is a chain of too many symbolic links
input-link-absolute = `{ $path }` is a symbolic link to the absolute path { $target }
input-link = `{ $path }` is a symbolic link
input-not-inside = `{ $path }` is not a folder inside the repository
fm-toml-quote-help = a quoted text is not closed on its line: end it with " (title = "Kabar Desa")
fm-toml-duplicate-help = a field is written twice: keep one of them
fm-toml-equals-help = each field is `name = value` on its own line, for example title = "Kabar Desa"
range-whole = range: `{ $name }` must be a whole number
range-required = range: `{ $name }` is required
range-step = range: `step_by` must be 1 or more
range-too-long = range of { $count } items: a template may make at most { $max }
range-budget = ranges of more than { $max } items in all while one page renders (loops inside loops?)
filter-date-string = the `{ $filter }` filter needs a date string, got { $value }
filter-date = the `{ $filter }` filter cannot read `{ $text }` as a date
fm-field-type = front matter: `{ $field }`: { $detail }
fm-field-type-help = write text in quotes (title = "..."), true or false without quotes (draft = true), dates as 2026-11-20, lists in [ ]; the fields and their types are in docs/panduan-editor.md, section 3
alias-help = an alias is an old address of this page on this site, from its first `/`: aliases = ["/2024/03/15/judul-lama/", "/?p=123"]
alias-too-many = `aliases` lists { $count } addresses; at most { $max } are read
alias-invalid = the alias `{ $alias }` { $why }
alias-why-long = is longer than { $max } bytes
alias-why-space = holds { $code } (a space or control character)
alias-why-not-path = is not a path of this site: write it from its first `/`, without scheme or host
alias-why-fragment = holds `#`: a browser never sends a fragment to the server
alias-why-home = is the home page itself
alias-why-percent = holds a `%` that is not followed by two hexadecimal digits
alias-why-utf8 = decodes to bytes that are not UTF-8
alias-why-dot = holds a segment starting with `.` (`..`, or a hidden name such as `.well-known`)
alias-why-char = holds `{ $char }`, which an address of laman may not carry (letters, digits and - . _ ~ ! * ( ) + , = @ & : are allowed)
alias-why-empty = holds an empty segment (`//`)
alias-why-query = has a query without `name=value`
alias-why-query-name = has the query name `{ $name }`; aliases may use { $names }
alias-why-query-value = has a query value that is not letters, digits, `-`, `_` or `.`
alias-collision = the alias `{ $alias }` is already { $other }
alias-collision-page = the address of `{ $file }`
alias-collision-alias = an alias of `{ $file }` (line { $line })
alias-collision-help = an old address leads to one page only: remove the alias from one of them
alias-collision-generated = an address laman makes itself (search page, 404, feed, sitemap, theme files, search index, directory, catalogue, list pages)
alias-collision-generated-help = laman answers this address with its own page: remove the alias

content-changed-in-build = the file changed while laman was building
content-reread = the page could not be read again to be rendered: { $reason }
content-reread-help = save the file, wait for the build to end and build again; this site keeps its previous output
