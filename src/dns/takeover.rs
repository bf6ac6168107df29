//! Hosting platforms where a CNAME to an unclaimed name can be claimed by anyone: the
//! name then serves whatever the new claimant puts there, under the regency's domain.
//!
//! Source: the public fingerprints of "Can I take over XYZ?"
//! (<https://github.com/EdOverflow/can-i-take-over-xyz>), entries marked *Vulnerable* or
//! *Edge case* there, by the CNAME suffix each service hands out. A CNAME onto one of
//! them is reported even while it resolves: the day the service is cancelled, the name
//! dangles and anyone can claim it.

/// `(suffix, platform)`: a target equal to the suffix or ending in `.suffix`.
const PLATFORMS: &[(&str, &str)] = &[
    ("s3.amazonaws.com", "AWS S3"),
    ("s3-website.amazonaws.com", "AWS S3"),
    ("elasticbeanstalk.com", "AWS Elastic Beanstalk"),
    ("cloudapp.net", "Microsoft Azure"),
    ("cloudapp.azure.com", "Microsoft Azure"),
    ("azurewebsites.net", "Microsoft Azure"),
    ("blob.core.windows.net", "Microsoft Azure"),
    ("azure-api.net", "Microsoft Azure"),
    ("azurehdinsight.net", "Microsoft Azure"),
    ("azureedge.net", "Microsoft Azure"),
    ("azurecontainer.io", "Microsoft Azure"),
    ("database.windows.net", "Microsoft Azure"),
    ("azuredatalakestore.net", "Microsoft Azure"),
    ("search.windows.net", "Microsoft Azure"),
    ("azurecr.io", "Microsoft Azure"),
    ("redis.cache.windows.net", "Microsoft Azure"),
    ("servicebus.windows.net", "Microsoft Azure"),
    ("trafficmanager.net", "Microsoft Azure"),
    ("visualstudio.com", "Microsoft Azure"),
    ("github.io", "GitHub Pages"),
    ("bitbucket.io", "Bitbucket"),
    ("herokuapp.com", "Heroku"),
    ("herokudns.com", "Heroku"),
    ("herokussl.com", "Heroku"),
    ("ghost.io", "Ghost"),
    ("pantheonsite.io", "Pantheon"),
    ("surge.sh", "Surge.sh"),
    ("readme.io", "Readme.io"),
    ("helpjuice.com", "Helpjuice"),
    ("helpscoutdocs.com", "Help Scout"),
    ("agilecrm.com", "Agile CRM"),
    ("s.strikinglydns.com", "Strikingly"),
    ("strikingly.com", "Strikingly"),
    ("read.uberflip.com", "Uberflip"),
    ("worksites.net", "Worksites"),
    ("wordpress.com", "WordPress.com"),
    ("myshopify.com", "Shopify"),
    ("ngrok.io", "ngrok"),
    ("canny.io", "Canny"),
    ("launchrock.com", "LaunchRock"),
    ("wishpond.com", "Wishpond"),
    ("smartjobboard.com", "SmartJobBoard"),
    ("youtrack.cloud", "JetBrains YouTrack"),
];

/// The platform a CNAME target lies on, if an unclaimed name there can be taken over.
pub fn takeover_platform(target: &str) -> Option<&'static str> {
    let t = target.trim_end_matches('.').to_ascii_lowercase();
    PLATFORMS
        .iter()
        .find(|(suffix, _)| t == *suffix || t.ends_with(&format!(".{suffix}")))
        .map(|(_, platform)| *platform)
}

#[cfg(test)]
mod tests {
    use super::takeover_platform;

    #[test]
    fn matches_by_whole_labels_only() {
        assert_eq!(
            takeover_platform("dinkes-lama.github.io."),
            Some("GitHub Pages")
        );
        assert_eq!(
            takeover_platform("X.AzureWebsites.NET"),
            Some("Microsoft Azure")
        );
        assert_eq!(takeover_platform("notgithub.io"), None);
        assert_eq!(takeover_platform("www.sukamajukab.go.id"), None);
    }
}
