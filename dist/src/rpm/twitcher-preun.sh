# twitcher %preun ($1: 0 on removal, 1 on upgrade): stop and disable the service on removal.
if [ "$1" -eq 0 ] && [ -d /run/systemd/system ]; then
    systemctl --no-reload disable --now twitcher.service >/dev/null 2>&1 || :
fi
# The class-data archive the daemon wrote at its stop is of no use without the package.
if [ "$1" -eq 0 ]; then
    rm -f /var/cache/twitcher/twitcher-*.jsa*
fi
exit 0
