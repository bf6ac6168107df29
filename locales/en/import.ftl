# laman import wordpress: the import report and its errors (src/import/wordpress/report.rs).
import-skip-draft = draft (imported only with --drafts)
import-skip-private = private, never public
import-skip-password = password-protected
import-skip-trash = in the trash
import-skip-revision = a revision
import-skip-attachment = an attachment (its file is copied where used)
import-skip-nav-menu-item = a menu item
import-skip-other-type = another content type (a plugin's)
import-skip-other-status = another status
import-summary-done = Import into { $site } done: { $posts ->
        [one] { $posts } post
       *[other] { $posts } posts
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } ({ $drafts ->
        [one] { $drafts } draft
       *[other] { $drafts } drafts
    }), { $sections ->
        [one] { $sections } section
       *[other] { $sections } sections
    }, { $media ->
        [one] { $media } media file
       *[other] { $media } media files
    }, { $aliases ->
        [one] { $aliases } old address
       *[other] { $aliases } old addresses
    } redirected
import-summary-dry = Dry run for { $site }, nothing written: { $posts ->
        [one] { $posts } post
       *[other] { $posts } posts
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    } ({ $drafts ->
        [one] { $drafts } draft
       *[other] { $drafts } drafts
    }), { $sections ->
        [one] { $sections } section
       *[other] { $sections } sections
    }, { $media ->
        [one] { $media } media file
       *[other] { $media } media files
    }, { $aliases ->
        [one] { $aliases } old address
       *[other] { $aliases } old addresses
    } redirected
import-summary-skipped = Skipped: { $skipped } of { $items } items; suspected gambling spam: { $spam }
import-summary-next = Review the findings above, then run `laman check` and `laman serve`
import-item = “{ $title }” (ID { $id })
import-spam = { $item } not imported: suspected gambling spam ({ $found })
import-spam-help = check it on the old site; if it is a genuine article, write it anew with [tinjauan_spam]
import-unconvertible = { $item } could not be converted safely: { $why }
import-unconvertible-help = copy its text into a markdown file by hand
import-too-deep = its HTML nests more than 100 levels deep
import-too-long = the page is { $size } KiB, over the { $max } KiB limit
import-shortcode = unknown shortcode [{ $name }], kept visible as written
import-shortcode-help = replace it with text, a link or a picture, or delete it
import-dropped = { $item }: unsafe HTML dropped: { $what }
import-dropped-help = { $kind ->
    [script] scripts and event handlers (onclick, javascript:) are never loaded on a government site; if what they did mattered (a form, a counter), write it again as text or a plain link
    [frame] if it mattered (a map, a video), ask the Dinas Kominfo to list its host in [embeds] iframe_hosts in _site.toml, then add it again
   *[other] if it mattered, write it again as plain markdown (text, links, tables, images)
}
import-media-missing = { $item }: wp-content/uploads/{ $path } is not in --uploads; its link is left as it was
import-media-missing-help = copy the file from the old server into --uploads and import again with --force, or put it beside the page
import-gallery-missing = { $item }: its [gallery] names attachment { $attachment }, which the export does not hold; that picture is left out
import-gallery-missing-help = add the picture to the page by hand, or export the site again with its media (Tools → Export → All content)
import-media-refused = { $item }: wp-content/uploads/{ $path } not copied: a kind of file that can run code
import-media-refused-help = only pictures, documents, audio and video are copied; convert it to PNG or PDF if needed
import-alias-dropped = old address `{ $alias }` not redirected: { $why }
import-alias-invalid = not an address laman can write ({ $why })
import-alias-taken = already taken by { $by }
import-alias-generated = an address laman makes itself on every site (search page, 404, feed, sitemap, theme files, directory, catalogue, list pages)
import-file-kept = this file exists and was not written by an earlier import (or was edited since), so it is kept as it is
import-file-kept-help = compare it with what the import would write (--dry-run) and merge by hand
import-nothing = nothing could be imported
import-nothing-help = check it is a full export (Tools → Export → All content) and see the skipped list; --drafts imports drafts
import-not-a-site = `{ $label }` { $why }: the import is only for a subdomain of kind site that is requested or approved in domains.toml, or the portal
import-not-in-registry = is not in the registry
import-not-site-kind = is not of kind site
import-not-active = is neither requested nor approved
import-exists = { $folder } already exists; import again only with --force, which rewrites what an earlier import wrote and never deletes or overwrites any other file (--dry-run shows what it would do)
import-unreadable = cannot read the WordPress export { $file }
import-not-wxr = { $file }{ $line }: not a WordPress export (WXR: <rss> with <wp:wxr_version>); export it with Tools → Export
import-broken-xml = { $file }{ $line }: broken XML ({ $why }); export it again
import-too-large = { $file }{ $line }: one element passes the { $max } MiB limit; this is no ordinary export
import-uploads-unreadable = the --uploads folder { $dir } cannot be read
import-write-failed = cannot write { $path }
import-link-refused = { $path } is a symbolic link; the import does not write through links
