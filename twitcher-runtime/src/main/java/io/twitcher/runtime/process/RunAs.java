package io.twitcher.runtime.process;

import java.io.IOException;
import java.util.List;

/**
 * The uid and gid a run switches to, resolved from the request's user and group at each start (so a user added
 * after the daemon started is found), and the {@code setpriv} options that switch to them.
 *
 * <p>Rules: a user without a group runs with the user's primary group; supplementary groups become the user's own
 * ({@code --init-groups}: the user's primary group and the groups listing it as a member), or none
 * ({@code --clear-groups}) for a numeric uid without a passwd entry. A group alone keeps the daemon's uid and makes
 * that group the only one (gid and no supplementary groups), so files the action creates get that group and no
 * inherited group such as root's applies. Numeric ids
 * need no database entry; names must resolve. A numeric uid without a passwd entry and without a group is refused
 * (it has no primary group, and keeping the daemon's group would be running as root's group).
 *
 * @param uid        the real, effective and saved user id
 * @param gid        the real, effective and saved group id
 * @param initGroups whether supplementary groups come from the group database (else they are cleared)
 * @param account    the target user's passwd entry, for its environment; {@code null} for a group alone or a
 *                   numeric uid without an entry
 * @param switches   whether setpriv must switch to this identity (false: the daemon already is it)
 */
record RunAs(int uid, int gid, boolean initGroups, Posix.User account, boolean switches) {

    /** The identity for {@code user}/{@code group}, or {@code null} when neither is given. */
    static RunAs resolve(String user, String group, Posix posix) throws IOException {
        if (user == null && group == null) {
            return null;
        }
        RunAs target;
        if (user == null) {
            target = new RunAs(posix.geteuid(), resolveGroup(group, posix), false, null, true);
        } else {
            Posix.User entry = isNumber(user) ? posix.userById(parseId(user, "user")) : posix.userByName(user);
            if (entry == null && !isNumber(user)) {
                throw new IOException("unknown user '" + user + "'");
            }
            int uid = entry != null ? entry.uid() : parseId(user, "user");
            int gid;
            if (group != null) {
                gid = resolveGroup(group, posix);
            } else if (entry != null) {
                gid = entry.gid();
            } else {
                throw new IOException("uid " + uid + " has no passwd entry and so no primary group; give a gid too");
            }
            target = new RunAs(uid, gid, entry != null, entry, true);
        }
        if (posix.geteuid() != 0) {
            if (target.uid == posix.geteuid() && target.gid == posix.getegid()) {
                // already who we should be; setpriv could not reset groups without root anyway
                return new RunAs(target.uid, target.gid, target.initGroups, target.account, false);
            }
            throw new IOException("cannot run as uid " + target.uid + " gid " + target.gid
                    + " because the daemon is not running as root");
        }
        return target;
    }

    /** setpriv's options, ending with {@code --}. */
    List<String> setprivOptions() {
        return List.of("--reuid=" + uid, "--regid=" + gid, initGroups ? "--init-groups" : "--clear-groups", "--");
    }

    private static int resolveGroup(String group, Posix posix) throws IOException {
        if (isNumber(group)) {
            return parseId(group, "group");
        }
        Posix.Group entry = posix.groupByName(group);
        if (entry == null) {
            throw new IOException("unknown group '" + group + "'");
        }
        return entry.gid();
    }

    private static boolean isNumber(String id) {
        return !id.isEmpty() && id.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static int parseId(String id, String kind) throws IOException {
        try {
            int value = Integer.parseInt(id);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IOException(kind + " id " + id + " is out of range");
    }
}
