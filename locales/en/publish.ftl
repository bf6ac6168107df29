# laman publish: releases on the web server.

publish-to-empty = --to is empty: give a folder or USER@HOST:/PATH
publish-bad-host = `{ $host }` is not a host: write USER@HOST:/PATH, for example deploy@web1.sukamajukab.go.id:/srv/laman
publish-bad-path = `{ $path }` is not a usable path on { $host }: give an absolute path of letters, digits, `.`, `_`, `-` and `/`, without `..` (for example /srv/laman)
publish-site-not-built = --site: { $site } is not in the build in { $out } (was it approved and built?)
publish-site-no-live = --site publishes some sites beside the live release, and there is none yet: publish the whole build first
publish-no-live = { $to } has no live release (no `current` link naming one): nothing to roll back
publish-no-older = { $to }: no release older than the live one ({ $current }) is kept, so there is nothing to roll back to; publish the build you want instead
publish-rebuild = run `laman build` (a whole build, without --site) and publish again
publish-not-output = { $out } is not the output of a finished `laman build` (it has no { $marker }); { $rebuild }
publish-manifest-unreadable = { $file }: cannot read the regency manifest ({ $reason }); { $rebuild }
publish-no-stamp = { $out } has no build stamp beside it ({ $stamp }): only what a whole, clean `laman build` wrote is published; { $rebuild }
publish-drafts = { $out } was built with --drafts: its draft pages must not go live; { $rebuild }
publish-changed = { $out } changed after the build that stamped it (a `--site` build, or a file changed by hand); { $rebuild }
publish-stale = { $out } is stale: { $count ->
        [one] 1 input
       *[other] inputs
    } changed since it was built ({ $files }); { $rebuild }
publish-no-registry = { $root } holds no { $file }: give the regency repository that was built with --root
publish-inputs-unreadable = cannot read the inputs in { $root }
publish-same-second = { $path } already exists: a release of this build was made this very second; publish again
publish-cannot-switch = cannot switch { $path } (if it is a folder, not a link, move it away once)
publish-locked = another publish or rollback to { $dest } is running (it holds { $lock }); wait for it to end
publish-to-file = --to { $dest }: it is a file, not a folder; give the folder the web server serves releases from
publish-not-writable = cannot write to { $dest } ({ $reason }): give a folder this user may write, or fix its owner and permissions
publish-not-plain = { $path } is not a plain file; a build output holds only files and folders: run `laman build` again
publish-release-differs = the release written to { $dir } does not match the build: { $what }; nothing was made live: check the disk, then publish again
publish-differs-site = { $name } is not a site of the build
publish-differs-unlisted = { $file } is not in its manifest
publish-differs-content = { $file } has other content
publish-differs-missing = { $file } is missing
ssh-option-refused = --ssh-option { $option }: { $why }
ssh-option-check-off = it would weaken the check of the server's host key, which is always made; put the server's key in a known_hosts file (ssh-keyscan, compared with the key the server's administrator gives you) and pass --known-hosts FILE
ssh-option-runs = it would run a command or open a channel beyond the copy; a jump host belongs in the CI user's ~/.ssh/config
ssh-option-unknown = publishing does not need it
ssh-option-accepted = accepted: { $list }
ssh-option-control = it holds a line break or another control character
ssh-option-form = write KEYWORD=VALUE, for example Port=2222
ssh-option-quote = a value is empty, has an unbalanced quote, or holds a quote inside it
ssh-option-escape = backslashes and `#` are not accepted in an option; write the value plainly or in "quotes"
ssh-option-no-value = give a value, for example Port=2222
ssh-option-one-value = { $keyword } takes one value
ssh-option-number = { $keyword } takes a whole number from { $low } to { $high }
ssh-option-word = { $keyword } takes one of: { $words }
ssh-option-path = { $keyword } takes the path of a regular file (not `none`, not a device such as /dev/null)
ssh-option-name = { $keyword } takes a host name
ssh-known-hosts-refused = `{ $path }` cannot hold the server's key (it is `none`, a device such as /dev/null, a folder, or a name ssh would expand with % or ~USER): give a known_hosts file that holds it
ssh-current-moved = `current` on the server changed while this ran (another publish or rollback, or a hand edit): nothing was switched; see what is live, then run again
ssh-no-flock = the server has no `flock` (util-linux), which keeps two publishes or rollbacks from running at once: install util-linux there
ssh-release-differs = the release copied to { $to } does not match the build (rsync: `{ $line }`); nothing was made live: check the server's disk, then publish again
ssh-cannot-run-ssh = cannot run ssh (install openssh-client)
ssh-cannot-run-rsync = cannot run rsync (install rsync)
ssh-no-answer = could not read what ssh answered from { $to } (ssh was stopped or the connection broke): check that the server is reachable, then run the command again
ssh-hint-host-key = the server's host key is not in known_hosts or has changed: add the right key (--known-hosts FILE), never turn the check off
ssh-hint-denied = the server refused the key: put the public key of --ssh-key in the user's ~/.ssh/authorized_keys on the server
ssh-hint-other = check that the server is reachable, the folder writable by that user, and rsync installed there
ssh-failed = { $program } to { $to } failed: { $said }
ssh-path-quote = { $path }: a path with a quote or a line break cannot be given to ssh; rename it

# Files and folders.

io-cannot-read = cannot read { $path }
io-cannot-list = cannot list { $path }
io-cannot-create = cannot create { $path }
io-cannot-write = cannot write { $path }
io-cannot-link = cannot link { $path }
io-cannot-rename = cannot rename { $path }
io-cannot-lock = cannot lock { $path }
io-cannot-copy = cannot copy to { $path }
io-cannot-remove = cannot remove { $path }
io-cannot-flush = cannot flush { $path } to disk
io-cannot-tempdir = cannot make a temporary folder
