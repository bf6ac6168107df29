# The command line: summaries, progress and what a command says when it is done.

finding-error = error
finding-warning = warning
finding-notice = note
finding-help = help
summary-counts = { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
summary-notices = , { $notices ->
        [one] { $notices } note
       *[other] { $notices } notes
    }
summary-stopped = stopped
summary-registry-unreadable = the registry could not be read
summary-registry-unreadable-dns = the registry could not be read; nothing was checked
summary-registry-unreadable-verify = the registry could not be read; nothing was verified
summary-build-unchanged = nothing changed since the last build: { $sites ->
        [one] { $sites } site
       *[other] { $sites } sites
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } in { $out } are up to date
summary-build-nothing = nothing published; { $out } is unchanged
summary-build-published = published { $sites ->
        [one] { $sites } site
       *[other] { $sites } sites
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } into { $out }
summary-build-held-back = ; kept the previous output of: { $sites }
summary-check = checked { $sites ->
        [one] { $sites } site
       *[other] { $sites } sites
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }
summary-serve = built { $sites ->
        [one] { $sites } site
       *[other] { $sites } sites
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } in { $ms } ms ({ $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    })
summary-dns = checked { $names ->
        [one] { $names } name
       *[other] { $names } names
    } of { $domain } against { $nameservers ->
        [one] { $nameservers } nameserver
       *[other] { $nameservers } nameservers
    }
summary-domains-check = checked { $count ->
        [one] { $count } subdomain
       *[other] { $count } subdomains
    } of { $domain }
summary-verify = verified { $sites ->
        [one] { $sites } site
       *[other] { $sites } sites
    } of { $domain }, { $files ->
        [one] { $files } file
       *[other] { $files } files
    }
domains-custom-code-note = note: the Dinas allows own code (custom_code) on: { $sites }
domains-unchanged = domains.toml was not changed
domains-no-zone = no zone written
domains-no-nginx = no configuration written
domains-root-not-folder = the regency root `{ $root }` is not a folder
progress-names = names
progress-verify = checking sites
cli-not-a-date = `{ $text }` is not a date; write it as YYYY-MM-DD, for example 2026-06-30
cli-sign-key = --sign-key: { $reason }
cli-no-random = cannot draw a random key from the system: { $reason }
cli-keygen-done = laman: wrote the secret key to { $file } and the public key to { $file }.pub.
    Put the public key in domains.toml:

    {"  ["}integrity]
      public_key = "{ $public }"

    Keep { $file } secret (in the CI's secret store); never commit it.
cli-serve-no-registry = { $root } has no domains.toml: give the regency repository with --root
cli-init-done = wrote a new regency repository for { $name } in { $dir }; next: cd there, `laman build`, then see its README (Indonesian) for the Dinas and the editors
cli-new-site-done = laman: wrote { $count ->
        [one] { $count } draft page
       *[other] { $count } draft pages
    } for { $label }; fill them in, delete each `draft = true`, and preview with `laman serve`
cli-new-site-added = added (draft): { $path }
cli-new-site-guide-added = added (guide): { $path }
cli-new-site-kept = already there, left as it is: { $path }
cli-new-site-guides-done = laman: { $count ->
        [one] { $count } guide
       *[other] { $count } guides
    } added (the hints of laman check cite them by section); commit them with the rest
cli-new-site-missing-done = laman: { $added ->
        [one] { $added } draft page
       *[other] { $added } draft pages
    } added to { $label }, { $kept ->
        [one] { $kept } file already there left as it is
       *[other] { $kept } files already there left as they are
    }{ $added ->
        [0] {""}
       *[other] ; fill the new ones in, delete each `draft = true`, and preview with `laman serve`
    }
cli-rolled-back = laman: rolled back: { $now } is live again (was { $was })
cli-published = laman: { $dry ->
        [yes] would publish
       *[no] published
    } release { $release }: { $first ->
        [yes] the first release, { $files ->
            [one] { $files } file
           *[other] { $files } files
        } copied
       *[no] { $copied } new, { $linked } unchanged and hard-linked from release { $previous }
    }; { $bytes } bytes { $ssh ->
        [yes] sent
       *[no] written
    }, in { $seconds } s
cli-published-checked = laman: checked { $files ->
        [one] { $files } file
       *[other] { $files } files
    } against the build{ $others ->
        [0] {""}
        [one] {" "}(the other file is a manifest that lists them, checked with them)
       *[other] {" "}(the other { $others } are the manifests and signatures that list them, checked with them)
    }; `current` now names releases/{ $release }
cli-already-live = laman: the live release { $release } already holds this build: nothing published, no new release (so `--rollback` still goes back to the release before it)
cli-pruned = laman: removed old releases: { $releases }
cli-report-done = laman report: { $sites ->
        [one] { $sites } site
       *[other] { $sites } sites
    } as of { $date }: { $stale } stale, { $incomplete } incomplete, { $problems } with problems; mean score { $score }
cli-report-written = ; written to { $file }
cli-report-below = laman report: below --fail-under { $bar }: { $sites }
cli-report-unsigned = laman report: the signature block has no name: fill in `signer`, `signer_id` and `place` in [report] of domains.toml (room is left to write them by hand)
cli-ca-too-big = --ca { $file }: not a certificate file (larger than 1 MiB)
cli-ca-unreadable = --ca: cannot read { $file }
cli-write-stdout = laman: cannot write to standard output: { $reason }
cli-cannot-write = cannot write { $file }
cli-dns-client = cannot start the DNS client
error-refused = { $count ->
        [one] { $count } problem stops this
       *[other] { $count } problems stop this
    }

# clap: headings, flags and the errors of the command line's parse.
clap-heading-commands = Commands
clap-heading-options = Options
clap-heading-arguments = Arguments
clap-help-flag = Print help
clap-version-flag = Print version
clap-error = error:
clap-usage = Usage:
clap-try-help = For more information, try '--help'.
clap-unknown-argument = unexpected argument '{ $arg }' found
clap-unknown-command = unrecognized subcommand '{ $command }'
clap-invalid-choice = invalid value '{ $value }' for '{ $arg }'; possible values: { $valid }
clap-missing-value = a value is required for '{ $arg }' but none was supplied
clap-invalid-value = invalid value '{ $value }' for '{ $arg }': { $reason }
clap-missing-argument = the following required arguments were not provided: { $arg }
clap-missing-command = a subcommand is required
clap-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
clap-wrong-values = wrong number of values for '{ $arg }'
clap-did-you-mean = tip: did you mean '{ $suggestion }'?
init-not-empty = { $dir } is not empty: `laman init` writes a new repository into a new or empty folder; choose another, or empty it
init-is-file = { $dir } is a file, not a folder: choose another path
new-site-unregistered = `{ $label }` is not in the registry ({ $registry }): the OPD requests it first (`laman domains request { $label } --owner ... --contact ...`) and the Dinas approves it
new-site-status = `{ $label }` is { $status } in the registry: only a requested or approved subdomain gets a site (a new request: `laman domains request { $label } ...`)
new-site-kind = `{ $label }` is of kind { $kind } in the registry, not site: its own server answers it, laman builds no pages for it
new-site-exists = { $folder } already exists: `laman new site` never overwrites a site's pages. To add only the required pages it lacks: `laman new site { $label } --missing`
new-site-link = { $path } is a symbolic link: `laman new site` writes nothing through it
clap-help-command = Print this message or the help of the given subcommand(s)
clap-choices = possible values: { $values }
clap-default = default: { $value }
