#!/usr/bin/env bash
# Installs the built packages on this machine, as an admin would, and checks what they do: lintian, the unit,
# the .rpm metadata, install, a daemon started the way twitcher.service starts it running a .twc action against
# a ZooKeeper on 127.0.0.1, nothing written under /usr, reinstall, upgrade from a lower version, remove, purge,
# and nothing left behind. Mutates the machine: run it as root on a throw-away machine (CI), after
# `mvn -B -ntp verify` built dist/target/. Prints "N passed, N failed" last; exits non-zero on any failure.
#
# Usage: install-test.sh [DIST_TARGET_DIR]   (default: dist/target beside this script's module)
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
target="$(cd "${1:-$here/../../../target}" && pwd)"
work="$(mktemp -d /tmp/twitcher-install-test.XXXXXX)"
export DEBIAN_FRONTEND=noninteractive
passed=0
failed=0
zk_pid=
daemon_pid=

# Another apt-get (unattended upgrades, a neighbour) may hold dpkg's lock for a while: wait for it.
apt_get() { apt-get -y -qq -o DPkg::Lock::Timeout=600 "$@"; }
pass() { passed=$((passed + 1)); echo "ok: $*"; }
fail() { failed=$((failed + 1)); echo "FAILED: $*"; }
check() {  # check DESCRIPTION COMMAND...: passes when the command succeeds
    local what="$1"; shift
    if "$@" >"$work/check.out" 2>&1; then pass "$what"; else fail "$what"; sed 's/^/    /' "$work/check.out" | tail -40; fi
}
# Waits up to $1 seconds for the command to succeed (a bounded wait on a condition, never a fixed sleep).
wait_for() {
    local seconds="$1"; shift
    local deadline=$((SECONDS + seconds))
    until "$@"; do
        [ "$SECONDS" -ge "$deadline" ] && return 1
        sleep 0.2
    done
}
cleanup() {
    [ -n "$daemon_pid" ] && kill "$daemon_pid" 2>/dev/null
    [ -n "$zk_pid" ] && kill "$zk_pid" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

if [ "$(id -u)" -ne 0 ]; then
    echo "install-test.sh installs packages: run it as root (on a throw-away machine)." >&2
    exit 2
fi

version="$(sed -n 's/^Version: //p' <(dpkg-deb -f "$target"/twitcher_*_amd64.deb) | head -1)"
core_deb="$(ls "$target"/twitcher_*_amd64.deb)"
jython_deb="$(ls "$target"/twitcher-jython_*_all.deb)"
jruby_deb="$(ls "$target"/twitcher-jruby_*_all.deb)"
echo "Testing twitcher $version packages from $target"

# --- Static checks: lintian, the unit, the .rpm metadata against the .debs -------------------------------------
for deb in "$core_deb" "$jython_deb" "$jruby_deb"; do
    check "lintian reports no error on $(basename "$deb")" lintian --fail-on error --allow-root "$deb"
done

deb_files() {  # the regular files and links of a .deb, with RPM's paths for the few that differ, without lintian's
    dpkg-deb -c "$1" | awk '$1 !~ /^d/ {print $6}' | sed -e 's|^\./|/|' -e 's|^/etc/default/|/etc/sysconfig/|' \
        -e 's|^/lib/systemd/|/usr/lib/systemd/|' | grep -v '^/usr/share/lintian/' | sort
}
rpm_files() {  # the regular files and links of an .rpm, without RPM's licence copies
    rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$1" 2>/dev/null | awk '$1 !~ /^d/ {print $2}' \
        | grep -v '^/usr/share/licenses/' | sort
}
for pair in "twitcher:$core_deb:$target/twitcher-$version-1.x86_64.rpm" \
            "twitcher-jython:$jython_deb:$target/twitcher-jython-$version-1.noarch.rpm" \
            "twitcher-jruby:$jruby_deb:$target/twitcher-jruby-$version-1.noarch.rpm"; do
    IFS=: read -r name deb rpmfile <<< "$pair"
    check "$name .rpm exists with the RPM name" test -f "$rpmfile"
    check "$name .rpm holds the .deb's files, file for file" diff <(deb_files "$deb") <(rpm_files "$rpmfile")
    check "$name .rpm is named $name, version $version" \
        test "$(rpm -qp --qf '%{NAME} %{VERSION}' "$rpmfile" 2>/dev/null)" = "$name $version"
done
core_rpm="$target/twitcher-$version-1.x86_64.rpm"
check "twitcher .rpm requires Java 17+ and util-linux" bash -c \
    "rpm -qp --requires '$core_rpm' 2>/dev/null | grep -qx 'java-headless >= 1:17' \
     && rpm -qp --requires '$core_rpm' 2>/dev/null | grep -qx 'util-linux'"
check "twitcher .rpm recommends twitcher-jython" bash -c \
    "rpm -qp --recommends '$core_rpm' 2>/dev/null | grep -qx 'twitcher-jython'"
check "plugin .rpms require their twitcher" bash -c \
    "rpm -qp --requires '$target/twitcher-jython-$version-1.noarch.rpm' 2>/dev/null | grep -qx 'twitcher = $version'"
check "twitcher .rpm's scripts are there and parse" bash -c \
    "rpm -qp --scripts '$core_rpm' 2>/dev/null > '$work/scripts' && grep -q '^postinstall scriptlet' '$work/scripts' \
     && grep -q '^preuninstall scriptlet' '$work/scripts' && grep -q '^postuninstall scriptlet' '$work/scripts' \
     && sed '/scriptlet (using/d' '$work/scripts' | sh -n"
check "twitcher .rpm marks /etc/sysconfig/twitcher as a config file" bash -c \
    "rpm -qp --configfiles '$core_rpm' 2>/dev/null | grep -qx /etc/sysconfig/twitcher"
check "twitcher .rpm's state directory is mode 0700" bash -c \
    "rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' '$core_rpm' 2>/dev/null | grep -qx 'drwx------ /var/lib/twitcher'"
check "the .deb's arch is amd64 and the plugin .debs' all" bash -c \
    "[ \"\$(dpkg-deb -f '$core_deb' Architecture)\" = amd64 ] && [ \"\$(dpkg-deb -f '$jython_deb' Architecture)\" = all ]"
check "no native code for another architecture in the twitcher .deb's jffi" bash -c \
    "dpkg-deb --fsys-tarfile '$core_deb' | tar -xO --wildcards './usr/share/twitcher/lib/jffi-*-native.jar' \
     > '$work/jffi.jar' && [ \"\$(unzip -Z1 '$work/jffi.jar' | grep '^jni/.*\\.so\$' | grep -vc '^jni/x86_64-Linux/')\" = 0 ]"

# --- The tarball: unpacked anywhere, run by a user who is not root ---------------------------------------------
mkdir -p "$work/tarball" && tar -xzf "$target/twitcher-$version.tar.gz" -C "$work/tarball" && chmod -R a+rX "$work"
check "the tarball runs unpacked anywhere, as nobody" setpriv --reuid nobody --regid nogroup --clear-groups \
    env TWITCHER_DEFAULTS=/nonexistent "$work/tarball/twitcher-$version/bin/twitcher" check \
    "$work/tarball/twitcher-$version/conf"

# --- A ZooKeeper on 127.0.0.1, from the built tree ---------------------------------------------------------------
zk_port=$((20000 + RANDOM % 20000))
mkdir -p "$work/zk-conf"
TWITCHER_DEFAULTS=/nonexistent "$target/twitcher/bin/twitcher" --embedded-zk="$zk_port" --log_to_stdout \
    --config_path "$work/zk-conf" >"$work/zk.log" 2>&1 &
zk_pid=$!
check "a ZooKeeper listens on 127.0.0.1:$zk_port" wait_for 90 grep -q "Embedded ZooKeeper listening" "$work/zk.log"

# --- Install ----------------------------------------------------------------------------------------------------
# The dependencies first, so that the snapshot below holds them and only the packages' own files differ later.
check "the dependencies install" apt_get satisfy "$(dpkg-deb -f "$core_deb" Depends)"
snapshot() {  # every path under these roots with its type, size and mode; package managers' own state aside
    find /etc /usr /var/lib /var/log /opt /srv -xdev \( -path /var/lib/dpkg -o -path /var/lib/apt \
        -o -path /var/log/apt -o -path /var/log/dpkg.log -o -path /var/lib/ucf -o -path /etc/ld.so.cache \
        -o -path /var/log/journal \
        -o -path /var/log/alternatives.log \) -prune \
        -o -printf '%p %y %s %m\n' 2>/dev/null | sort
}
snapshot >"$work/before"

check "apt-get installs twitcher and twitcher-jython" apt_get install "$core_deb" "$jython_deb"
check "twitcher --version" bash -c "[ \"\$(twitcher --version)\" = 'twitcher $version' ]"
check "twitcher check /usr/share/doc/twitcher/examples" twitcher check /usr/share/doc/twitcher/examples
check "the man page is installed" test -s /usr/share/man/man8/twitcher.8.gz
check "bash completion is installed" bash -c '. /usr/share/bash-completion/completions/twitcher && complete -p twitcher'
lists_every_jar() {  # lists_every_jar COPYRIGHT JAR...: every third-party jar is in the generated list
    local copyright="$1" jar name
    shift
    for jar in "$@"; do
        name="$(basename "$jar" .jar | sed -E 's/-[0-9][^-]*(-.*)?$//')"
        case "$name" in twitcher-*|action-*|config-*) continue ;; esac
        grep -q ":$name:" "$copyright" || { echo "$name is not in $copyright"; return 1; }
    done
}
check "twitcher's copyright lists every bundled jar's licence" lists_every_jar /usr/share/doc/twitcher/copyright \
    /usr/share/twitcher/lib/*.jar /usr/share/twitcher/plugins/{action-*,config-properties}/lib/*.jar
check "twitcher-jython's copyright lists every bundled jar's licence" lists_every_jar \
    /usr/share/doc/twitcher-jython/copyright /usr/share/twitcher/plugins/config-jython/lib/*.jar
check "the state directory is mode 0700" bash -c '[ "$(stat -c %a /var/lib/twitcher)" = 700 ]'
check "/etc/default/twitcher is a conffile" bash -c "dpkg-query -W -f '\${Conffiles}' twitcher | grep -q ' /etc/default/twitcher '"
check "installing did not start the daemon (ZKSERVERS is unset)" bash -c '! pgrep -f "^[^ ]*java .*-cp /usr/share/twitcher/lib/"'
if command -v systemd-analyze >/dev/null 2>&1; then
    check "systemd-analyze verify twitcher.service" systemd-analyze verify /lib/systemd/system/twitcher.service
else
    fail "systemd-analyze is not installed (apt-get install systemd)"
fi

# Start the daemon as twitcher.service does: its environment files, TWITCHER_SERVICE=1, $TWITCHER_OPTS, its cwd.
unit_env() { sed -n 's/^Environment=//p' /lib/systemd/system/twitcher.service; }
start_like_the_unit() {  # replaces the calling (sub)shell: run it in one, so that $! is the daemon itself
    cd /var/lib/twitcher && exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin $(unit_env) bash -c \
        'set -a; . /etc/default/twitcher; set +a; exec /usr/sbin/twitcher $TWITCHER_OPTS'
}
(start_like_the_unit) >"$work/unset.out" 2>&1
code=$?
check "without ZKSERVERS the service stops with exit 78 and one sentence" bash -c \
    "[ $code = 78 ] && [ \"\$(wc -l < '$work/unset.out')\" = 1 ] && grep -q '^twitcher: ZKSERVERS is not set' '$work/unset.out'"

cat >/etc/twitcher/install-test.twc <<'EOF'
# From install-test.sh: writes what is poked to a file.
RegisterWatch(znode='/install-test/poke', action=Exec('cat > /var/lib/twitcher/install-test.out'), run_on_load=False)
EOF
printf 'ZKSERVERS="127.0.0.1:%s"\nTWITCHER_OPTS="--log_to_stdout"\n' "$zk_port" >>/etc/default/twitcher
touch "$work/stamp"
start_like_the_unit >"$work/daemon.log" 2>&1 &
daemon_pid=$!
check "the installed daemon starts against ZooKeeper on 127.0.0.1" wait_for 120 grep -q "Daemon ready" "$work/daemon.log"
check "twitcher poke" twitcher poke --zkservers "127.0.0.1:$zk_port" /install-test/poke "installed-$$"
check "the .twc action ran with the poked data" wait_for 60 \
    bash -c "[ \"\$(cat /var/lib/twitcher/install-test.out 2>/dev/null)\" = 'installed-$$' ]"
check "the daemon maps jffi's stub from /usr/lib/twitcher/jni (nothing unpacked at run time)" \
    grep -q ' /usr/lib/twitcher/jni/x86_64-Linux/libjffi-1.2.so$' "/proc/$daemon_pid/maps"
kill -TERM "$daemon_pid"
wait "$daemon_pid"
code=$?
daemon_pid=
check "the daemon stops on SIGTERM with exit 0" test "$code" = 0
check "nothing was written under /usr" bash -c "[ -z \"\$(find /usr -xdev -newer '$work/stamp' -print -quit)\" ]"
check "the daemon's stop wrote its class-data archive in /var/cache/twitcher (mode 0700)" bash -c \
    '[ "$(stat -c %a /var/cache/twitcher)" = 700 ] && ls /var/cache/twitcher/twitcher-*.jsa.tmp-* >/dev/null'
start_like_the_unit >"$work/daemon2.log" 2>&1 &
daemon_pid=$!
check "the next start is ready" wait_for 120 grep -q "Daemon ready" "$work/daemon2.log"
check "the next start maps the class-data archive" bash -c \
    "grep -q ' /var/cache/twitcher/twitcher-_usr_share_twitcher-[0-9]*\.jsa\$' /proc/$daemon_pid/maps"
kill -TERM "$daemon_pid"
wait "$daemon_pid"
code=$?
daemon_pid=
check "the second daemon stops on SIGTERM with exit 0" test "$code" = 0
grep -q "Loading configuration from /etc/twitcher/install-test.twc" "$work/daemon.log" \
    || sed 's/^/    daemon: /' "$work/daemon.log" | tail -30

# --- Reinstall, remove, upgrade from a lower version, purge -----------------------------------------------------
check "reinstall over itself" apt_get install --reinstall "$core_deb" "$jython_deb"
check "the admin's settings survive a reinstall" grep -q "^ZKSERVERS=\"127.0.0.1:$zk_port\"" /etc/default/twitcher
check "remove" apt_get remove twitcher twitcher-jython
check "remove leaves the settings (conffiles) and removes the programs" bash -c \
    'test -f /etc/default/twitcher && ! test -e /usr/share/twitcher && ! test -e /usr/sbin/twitcher'
check "remove removes the class-data archive" bash -c '! ls /var/cache/twitcher/twitcher-* >/dev/null 2>&1'

lower() {  # lower DEB: the same package as version 0.9.0 (and depending on twitcher 0.9.0)
    local dir="$work/lower-$(basename "$1")"
    dpkg-deb -R "$1" "$dir" && sed -i -e "s/^Version: .*/Version: 0.9.0/" -e "s/(= $version)/(= 0.9.0)/" \
        "$dir/DEBIAN/control" && dpkg-deb -b -Zgzip "$dir" "$work/$(basename "$1" | sed "s/_${version}_/_0.9.0_/")" >/dev/null
}
check "build 0.9.0 packages" bash -c "$(declare -f lower); work='$work' version='$version'; lower '$core_deb' && lower '$jython_deb'"
check "install 0.9.0" apt_get install "$work"/twitcher_0.9.0_amd64.deb "$work"/twitcher-jython_0.9.0_all.deb
check "upgrade 0.9.0 to $version" apt_get install "$core_deb" "$jython_deb"
check "the upgraded version runs" bash -c "[ \"\$(twitcher --version)\" = 'twitcher $version' ] \
    && [ \"\$(dpkg-query -W -f '\${Version}' twitcher)\" = '$version' ]"
check "remove" apt_get remove twitcher twitcher-jython
check "purge" apt_get purge twitcher twitcher-jython
check "purge leaves the admin's own config and nothing else in /etc/twitcher" bash -c \
    '[ "$(ls -A /etc/twitcher)" = install-test.twc ]'
rm -f /etc/twitcher/install-test.twc && rmdir /etc/twitcher
check "purge left nothing the packages created, and nothing else changed" diff "$work/before" <(snapshot)
check "purge removed the class-data directory" test ! -e /var/cache/twitcher
check "no package remains" bash -c '! dpkg-query -W -f "\${Status}\n" twitcher twitcher-jython 2>/dev/null | grep -q installed'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
