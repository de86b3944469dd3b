package io.swarmrtc.stunturn.codec;

/** Names for error messages ("XOR-PEER-ADDRESS.length"), so failures name the field. */
final class AttributeNames {
  private AttributeNames() {}

  static String name(int type) {
    switch (type) {
      case AttributeType.MAPPED_ADDRESS: return "MAPPED-ADDRESS";
      case AttributeType.USERNAME: return "USERNAME";
      case AttributeType.MESSAGE_INTEGRITY: return "MESSAGE-INTEGRITY";
      case AttributeType.ERROR_CODE: return "ERROR-CODE";
      case AttributeType.UNKNOWN_ATTRIBUTES: return "UNKNOWN-ATTRIBUTES";
      case AttributeType.CHANNEL_NUMBER: return "CHANNEL-NUMBER";
      case AttributeType.LIFETIME: return "LIFETIME";
      case AttributeType.XOR_PEER_ADDRESS: return "XOR-PEER-ADDRESS";
      case AttributeType.DATA: return "DATA";
      case AttributeType.REALM: return "REALM";
      case AttributeType.NONCE: return "NONCE";
      case AttributeType.XOR_RELAYED_ADDRESS: return "XOR-RELAYED-ADDRESS";
      case AttributeType.REQUESTED_ADDRESS_FAMILY: return "REQUESTED-ADDRESS-FAMILY";
      case AttributeType.REQUESTED_TRANSPORT: return "REQUESTED-TRANSPORT";
      case AttributeType.MESSAGE_INTEGRITY_SHA256: return "MESSAGE-INTEGRITY-SHA256";
      case AttributeType.XOR_MAPPED_ADDRESS: return "XOR-MAPPED-ADDRESS";
      case AttributeType.SOFTWARE: return "SOFTWARE";
      case AttributeType.FINGERPRINT: return "FINGERPRINT";
      default: return String.format("attribute 0x%04X", type);
    }
  }
}
