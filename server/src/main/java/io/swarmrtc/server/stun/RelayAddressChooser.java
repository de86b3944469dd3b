package io.swarmrtc.server.stun;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Chooses the IPv4 address TURN relays bind to and advertise when none is configured: the bind
 * address when it is a concrete IPv4 address, else (wildcard bind) the first non-loopback IPv4
 * address of an interface that is up, else loopback. The choice is pure; reading the interfaces is
 * the one I/O step, kept in {@link #interfaceAddresses()}.
 */
public final class RelayAddressChooser {
    private RelayAddressChooser() {
    }

    /** The relay address for {@code bind}, picking from {@code candidates} for a wildcard bind. */
    public static InetAddress choose(InetAddress bind, List<InetAddress> candidates) {
        if (!bind.isAnyLocalAddress()) {
            if (!(bind instanceof Inet4Address)) {
                throw new IllegalArgumentException("STUN/TURN bound to an IPv6 address needs --relay-address (IPv4)");
            }
            return bind;
        }
        for (InetAddress a : candidates) {
            if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()
                    && !a.isAnyLocalAddress() && !a.isMulticastAddress()) {
                return a;
            }
        }
        return InetAddress.getLoopbackAddress();
    }

    /** Addresses of the interfaces that are up, in the order the OS lists them. */
    public static List<InetAddress> interfaceAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp() && !nif.isLoopback()) {
                    out.addAll(Collections.list(nif.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            // No interface list: the caller falls back to loopback, and logs the choice.
        }
        return out;
    }
}
