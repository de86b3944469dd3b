package io.swarmrtc.protocol.signal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON mapping of the signaling messages, strict and total: every malformed input ends in one
 * {@link SignalException} whose code is BAD_JSON, UNKNOWN_TYPE, BAD_FIELD or BAD_ROOM and which
 * names the field. Unknown fields are ignored (forward compatibility). Pure and thread-safe.
 *
 * <p>Messages are direction-specific: a client may send join, offer/answer/candidate with
 * {@code to}, leave and ping; a server sends joined, peer-joined, peer-left, offer/answer/candidate
 * with {@code from}, pong and error. A server-only type from a client is UNKNOWN_TYPE.
 */
public final class SignalCodec {
    /** Cap for free-form strings that are not SDP or candidates (ids, passwords, tokens). */
    static final int MAX_SHORT_STRING = 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SignalCodec() {
    }

    /** Decodes a frame a client sent to the server. */
    public static SignalMessage decodeFromClient(String json) throws SignalException {
        JsonNode root = parse(json);
        String type = type(root);
        return switch (type) {
            case Join.TYPE -> decodeJoin(root);
            case Offer.TYPE -> new Offer(peerId(root, "to"), null, sdp(root));
            case Answer.TYPE -> new Answer(peerId(root, "to"), null, sdp(root));
            case Candidate.TYPE -> new Candidate(peerId(root, "to"), null, iceCandidate(root));
            case Leave.TYPE -> new Leave();
            case Ping.TYPE -> new Ping();
            default -> throw unknownType(type, "client");
        };
    }

    /** Decodes a frame the server sent to a client. */
    public static SignalMessage decodeFromServer(String json) throws SignalException {
        JsonNode root = parse(json);
        String type = type(root);
        return switch (type) {
            case Joined.TYPE -> decodeJoined(root);
            case PeerJoined.TYPE -> new PeerJoined(peerId(root, "peerId"));
            case PeerLeft.TYPE -> new PeerLeft(peerId(root, "peerId"));
            case Offer.TYPE -> new Offer(null, peerId(root, "from"), sdp(root));
            case Answer.TYPE -> new Answer(null, peerId(root, "from"), sdp(root));
            case Candidate.TYPE -> new Candidate(null, peerId(root, "from"), iceCandidate(root));
            case Pong.TYPE -> new Pong();
            case ErrorMessage.TYPE -> decodeError(root);
            default -> throw unknownType(type, "server");
        };
    }

    /** Encodes any message as one compact JSON object, {@code type} first, absent fields omitted. */
    public static String encode(SignalMessage message) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("type", message.type());
        // Java 17: no pattern matching for switch yet, so an instanceof chain over the sealed types.
        if (message instanceof Join j) {
            o.put("room", j.room());
            putIfPresent(o, "password", j.password());
            putIfPresent(o, "token", j.token());
            putIfPresent(o, "resumeToken", j.resumeToken());
        } else if (message instanceof Offer m) {
            putRelay(o, m).put("sdp", m.sdp());
        } else if (message instanceof Answer m) {
            putRelay(o, m).put("sdp", m.sdp());
        } else if (message instanceof Candidate m) {
            putRelay(o, m).set("candidate", encodeCandidate(m.candidate()));
        } else if (message instanceof Joined j) {
            o.put("room", j.room());
            o.put("peerId", j.peerId());
            o.put("resumeToken", j.resumeToken());
            ArrayNode peers = o.putArray("peers");
            j.peers().forEach(peers::add);
            o.put("resumed", j.resumed());
        } else if (message instanceof PeerJoined p) {
            o.put("peerId", p.peerId());
        } else if (message instanceof PeerLeft p) {
            o.put("peerId", p.peerId());
        } else if (message instanceof ErrorMessage e) {
            o.put("code", e.code().name());
            o.put("message", e.message());
            o.put("fatal", e.fatal());
        }
        // Leave, Ping and Pong carry only their type.
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: a tree of strings always serialises", e);
        }
    }

    private static JsonNode parse(String json) throws SignalException {
        if (json == null) {
            throw new SignalException(ErrorCode.BAD_JSON, null, "no frame");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SignalException(ErrorCode.BAD_JSON, null, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SignalException(ErrorCode.BAD_JSON, null, "the frame must be one JSON object");
        }
        return root;
    }

    private static String type(JsonNode root) throws SignalException {
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            throw new SignalException(ErrorCode.UNKNOWN_TYPE, "type", "field 'type' must be a string");
        }
        return type.textValue();
    }

    private static SignalException unknownType(String type, String sender) {
        String shown = type.length() > 32 ? type.substring(0, 32) + "..." : type;
        return new SignalException(ErrorCode.UNKNOWN_TYPE, "type",
                "unknown message type '" + shown + "' from a " + sender);
    }

    private static Join decodeJoin(JsonNode root) throws SignalException {
        String room = requiredString(root, "room", MAX_SHORT_STRING);
        if (!Fields.isValidRoom(room)) {
            throw new SignalException(ErrorCode.BAD_ROOM, "room",
                    "room must be 1-64 characters of [A-Za-z0-9_-]");
        }
        return new Join(room,
                optionalString(root, "password", MAX_SHORT_STRING),
                optionalString(root, "token", MAX_SHORT_STRING),
                optionalString(root, "resumeToken", MAX_SHORT_STRING));
    }

    private static Joined decodeJoined(JsonNode root) throws SignalException {
        String room = requiredString(root, "room", MAX_SHORT_STRING);
        if (!Fields.isValidRoom(room)) {
            throw badField("room", "must be 1-64 characters of [A-Za-z0-9_-]");
        }
        String peerId = peerId(root, "peerId");
        String resumeToken = peerId(root, "resumeToken");
        JsonNode peers = root.get("peers");
        if (peers == null || !peers.isArray()) {
            throw badField("peers", "must be an array of peer ids");
        }
        java.util.List<String> ids = new java.util.ArrayList<>(peers.size());
        for (int i = 0; i < peers.size(); i++) {
            JsonNode id = peers.get(i);
            if (!id.isTextual() || id.textValue().isEmpty()) {
                throw badField("peers[" + i + "]", "must be a non-empty string");
            }
            ids.add(id.textValue());
        }
        return new Joined(room, peerId, resumeToken, ids, requiredBoolean(root, "resumed"));
    }

    private static ErrorMessage decodeError(JsonNode root) throws SignalException {
        String code = requiredString(root, "code", 64);
        ErrorCode errorCode;
        try {
            errorCode = ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw badField("code", "unknown error code");
        }
        return new ErrorMessage(errorCode, requiredString(root, "message", Integer.MAX_VALUE),
                requiredBoolean(root, "fatal"));
    }

    private static IceCandidate iceCandidate(JsonNode root) throws SignalException {
        JsonNode c = root.get("candidate");
        if (c == null || !c.isObject()) {
            throw badField("candidate", "must be an RTCIceCandidateInit object");
        }
        JsonNode candidate = c.get("candidate");
        if (candidate == null || !candidate.isTextual()) {
            throw badField("candidate.candidate", "must be a string");
        }
        JsonNode index = c.get("sdpMLineIndex");
        Integer lineIndex = null;
        if (index != null && !index.isNull()) {
            if (!index.isIntegralNumber() || !index.canConvertToInt()
                    || index.intValue() < 0 || index.intValue() > 65535) {
                throw badField("candidate.sdpMLineIndex", "must be an integer 0-65535 or null");
            }
            lineIndex = index.intValue();
        }
        return new IceCandidate(candidate.textValue(),
                optionalString(c, "sdpMid", "candidate.sdpMid", MAX_SHORT_STRING),
                lineIndex,
                optionalString(c, "usernameFragment", "candidate.usernameFragment", MAX_SHORT_STRING));
    }

    private static String sdp(JsonNode root) throws SignalException {
        String sdp = requiredString(root, "sdp", Integer.MAX_VALUE);
        if (sdp.isEmpty()) {
            throw badField("sdp", "must not be empty");
        }
        return sdp;
    }

    private static String peerId(JsonNode root, String name) throws SignalException {
        String id = requiredString(root, name, MAX_SHORT_STRING);
        if (id.isEmpty()) {
            throw badField(name, "must not be empty");
        }
        return id;
    }

    private static String requiredString(JsonNode root, String name, int maxLength) throws SignalException {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            throw badField(name, "is required");
        }
        if (!v.isTextual()) {
            throw badField(name, "must be a string");
        }
        if (v.textValue().length() > maxLength) {
            throw badField(name, "is longer than " + maxLength + " characters");
        }
        return v.textValue();
    }

    private static boolean requiredBoolean(JsonNode root, String name) throws SignalException {
        JsonNode v = root.get(name);
        if (v == null || !v.isBoolean()) {
            throw badField(name, "must be true or false");
        }
        return v.booleanValue();
    }

    private static String optionalString(JsonNode root, String name, int maxLength) throws SignalException {
        return optionalString(root, name, name, maxLength);
    }

    private static String optionalString(JsonNode node, String name, String path, int maxLength)
            throws SignalException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw badField(path, "must be a string or absent");
        }
        if (v.textValue().length() > maxLength) {
            throw badField(path, "is longer than " + maxLength + " characters");
        }
        return v.textValue();
    }

    private static SignalException badField(String field, String problem) {
        return new SignalException(ErrorCode.BAD_FIELD, field, "field '" + field + "' " + problem);
    }

    private static ObjectNode putRelay(ObjectNode o, RelayMessage m) {
        if (m.to() != null) {
            o.put("to", m.to());
        } else {
            o.put("from", m.from());
        }
        return o;
    }

    private static ObjectNode encodeCandidate(IceCandidate c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("candidate", c.candidate());
        putIfPresent(n, "sdpMid", c.sdpMid());
        if (c.sdpMLineIndex() != null) {
            n.put("sdpMLineIndex", c.sdpMLineIndex().intValue());
        }
        putIfPresent(n, "usernameFragment", c.usernameFragment());
        return n;
    }

    private static void putIfPresent(ObjectNode o, String name, String value) {
        if (value != null) {
            o.put(name, value);
        }
    }
}
