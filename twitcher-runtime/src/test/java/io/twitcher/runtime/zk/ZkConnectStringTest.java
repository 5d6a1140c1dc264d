package io.twitcher.runtime.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ZkConnectStringTest {

    @Test
    void addsTheDefaultPortWhereItIsMissing() {
        assertEquals("zk1:2181,zk2:2182,10.0.0.3:2181", ZkConnectString.validate("zk1,zk2:2182,10.0.0.3"));
    }

    @Test
    void keepsTheChrootApartFromTheHosts() {
        ZkConnectString parsed = ZkConnectString.parse("a:1,b/twitcher/prod");
        assertEquals(List.of("a:1", "b:2181"), parsed.hosts());
        assertEquals("/twitcher/prod", parsed.chroot());
        assertEquals("a:1,b:2181", parsed.hostList());
        assertEquals("a:1,b:2181/twitcher/prod", parsed.toString());
    }

    @Test
    void aBareSlashIsNoChroot() {
        assertEquals("", ZkConnectString.parse("localhost/").chroot());
    }

    @Test
    void acceptsBracketedIpv6Addresses() {
        assertEquals("[::1]:2181,[fe80::1]:3000", ZkConnectString.validate("[::1],[fe80::1]:3000"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|empty",
                "'   '|empty",
                "a,,b|stray comma",
                "a,|stray comma",
                "a:0|not a number from 1 to 65535",
                "a:65536|not a number from 1 to 65535",
                "a:x|not a number from 1 to 65535",
                "a:|not a number from 1 to 65535",
                ":2181|no host name",
                "a b:2181|not a valid host name",
                "::1|more than one ':'",
                "[::1|never closes",
                "a/b/|must not end with '/'",
                "a/b//c|empty name",
                "/chroot|no ZooKeeper server"
            })
    void rejectsBadListsWithOneSentence(String value, String reason) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ZkConnectString.validate(value));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:2181", "zk-1.example.com:2181,zk_2:2181/a/b", "127.0.0.1"})
    void acceptsUsualLists(String value) {
        assertTrue(ZkConnectString.validate(value).contains(":"));
    }
}
