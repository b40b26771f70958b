package org.xphonediag.core.net;

/** The fixed ranges behind {@link AddressClass}; package-private. */
final class Classifier {
  private static final Cidr[][] V4 = {
      {Cidr.parse("0.0.0.0/8")},
      {Cidr.parse("127.0.0.0/8")},
      {Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"), Cidr.parse("192.168.0.0/16")},
      {Cidr.parse("100.64.0.0/10")},
      {Cidr.parse("169.254.0.0/16")},
      {Cidr.parse("192.0.2.0/24"), Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24")},
      {Cidr.parse("224.0.0.0/4")},
  };
  private static final AddressClass[] V4_CLASS = {
      AddressClass.UNSPECIFIED, AddressClass.LOOPBACK, AddressClass.PRIVATE, AddressClass.CGNAT,
      AddressClass.LINK_LOCAL, AddressClass.DOCUMENTATION, AddressClass.MULTICAST,
  };
  private static final Cidr[][] V6 = {
      {Cidr.parse("::/128")},
      {Cidr.parse("::1/128")},
      {Cidr.parse("fe80::/10")},
      {Cidr.parse("fc00::/7")},
      {Cidr.parse("ff00::/8")},
      {Cidr.parse("2001:db8::/32"), Cidr.parse("3fff::/20")},
  };
  private static final AddressClass[] V6_CLASS = {
      AddressClass.UNSPECIFIED, AddressClass.LOOPBACK, AddressClass.LINK_LOCAL,
      AddressClass.UNIQUE_LOCAL, AddressClass.MULTICAST, AddressClass.DOCUMENTATION,
  };

  private Classifier() {}

  static AddressClass classify(IpAddress a) {
    Cidr[][] table = a.isIpv4() ? V4 : V6;
    AddressClass[] classes = a.isIpv4() ? V4_CLASS : V6_CLASS;
    for (int i = 0; i < table.length; i++) {
      for (Cidr c : table[i]) {
        if (c.contains(a)) {
          return classes[i];
        }
      }
    }
    return AddressClass.PUBLIC;
  }
}
