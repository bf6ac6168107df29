# laman report: what the command says (the report itself is the Dinas's document, in Indonesian).

report-settings = [report] in domains.toml: { $why }
report-period = { $what } = { $n }: give a number of days from 1 to 3650
report-period-label = period names `{ $label }`, which has no entry in the registry
report-required = required page `{ $page }` is not an address path; write it as the address shows it, for example "profil/visi-misi"
report-output-special = --output { $output } is not a regular file (a link, a device or a pipe); name a file, or - for standard output
report-output-folder = --output { $output } is a folder; name a file, for example laporan.html
report-output-no-folder = --output { $output }: its folder does not exist
report-output-input = --output { $output } would write over the regency's own files (domains.toml, content/, themes/, .git); write the report elsewhere
report-dns-not-it = --dns { $file } is not what `laman dns check --format json` writes: { $why }
report-dns-unreadable = cannot read --dns { $file }
report-dns-code = it holds a `{ $code }` finding
report-previous-unreadable = cannot read --previous { $file }
report-previous-json = --previous { $file } is not JSON ({ $reason }); give a report written by `laman report --format json`
report-previous-schema = --previous { $file } is a report of schema { $schema }; this laman reads schema { $ours }
report-previous-not-report = --previous { $file } is not a laman report (no "schema"); give a report written by `laman report --format json`
report-previous-invalid = --previous { $file } is not a laman report of schema { $ours }: { $reason }
