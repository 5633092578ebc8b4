using System.Globalization;
using Bitcoin.Wallet.Model;
using NBitcoin;

namespace Bitcoin.Wallet.Storage;

/// <summary>
/// Core's serialization of a <c>tx</c> record value (CWalletTx::Serialize): the transaction with witnesses, the state
/// as (block hash, empty merkle branch, index), an empty vtxPrev, the string map (comments, order position, smart
/// time, replacement links), the message/payment-request pairs, then fTimeReceivedIsTxTime (0), nTimeReceived and two
/// zero bytes (fFromMe, fSpent).
/// </summary>
internal static class WalletTxRecord
{
    public static byte[] Serialize(WalletTransaction wtx)
    {
        var strings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (wtx.From is not null) strings["from"] = wtx.From;
        if (wtx.Message is not null) strings["message"] = wtx.Message;
        if (wtx.Comment is not null) strings["comment"] = wtx.Comment;
        if (wtx.CommentTo is not null) strings["to"] = wtx.CommentTo;
        if (wtx.ReplacesTxid is not null) strings["replaces_txid"] = wtx.ReplacesTxid.ToString();
        if (wtx.ReplacedByTxid is not null) strings["replaced_by_txid"] = wtx.ReplacedByTxid.ToString();
        strings["fromaccount"] = "";
        if (wtx.OrderPos != -1) strings["n"] = wtx.OrderPos.ToString(CultureInfo.InvariantCulture);
        if (wtx.TimeSmart != 0) strings["timesmart"] = wtx.TimeSmart.ToString(CultureInfo.InvariantCulture);

        var w = new DataWriter();
        w.WriteTransaction(wtx.Tx);
        w.WriteUInt256(wtx.State.SerializedBlockHash);
        w.WriteCompactSize(0); // vMerkleBranch
        w.WriteInt32(wtx.State.SerializedIndex);
        w.WriteCompactSize(0); // vtxPrev
        // std::map<std::string, std::string> serializes in key order (byte-wise, as std::string's operator<).
        w.WriteCompactSize((ulong)strings.Count);
        foreach (var (key, value) in strings)
            w.WriteString(key).WriteString(value);
        w.WriteCompactSize((ulong)(wtx.Messages.Count + wtx.PaymentRequests.Count));
        foreach (var message in wtx.Messages)
            w.WriteString("Message").WriteString(message);
        foreach (var request in wtx.PaymentRequests)
            w.WriteString("PaymentRequest").WriteString(request);
        w.WriteUInt32(0); // fTimeReceivedIsTxTime
        w.WriteUInt32(wtx.TimeReceived);
        w.WriteBool(false); // fFromMe
        w.WriteBool(false); // fSpent
        return w.ToArray();
    }

    public static WalletTransaction Deserialize(byte[] value)
    {
        var r = new DataReader(value);
        var tx = r.ReadTransaction();
        var blockHash = r.ReadUInt256();
        ulong merkleCount = r.ReadCompactSize();
        for (ulong i = 0; i < merkleCount; i++) r.ReadUInt256();
        int index = r.ReadInt32();
        ulong prevCount = r.ReadCompactSize();
        for (ulong i = 0; i < prevCount; i++) SkipMerkleTx(r);
        var strings = new List<(string, string)>();
        ulong stringCount = r.ReadCompactSize();
        for (ulong i = 0; i < stringCount; i++) strings.Add((r.ReadString(), r.ReadString()));
        var pairs = new List<(string, string)>();
        ulong pairCount = r.ReadCompactSize();
        for (ulong i = 0; i < pairCount; i++) pairs.Add((r.ReadString(), r.ReadString()));
        r.ReadUInt32(); // fTimeReceivedIsTxTime
        uint timeReceived = r.ReadUInt32();
        r.ReadBool();
        r.ReadBool();

        var wtx = new WalletTransaction(tx, TxState.FromSerialized(blockHash, index)) { TimeReceived = timeReceived };
        foreach (var (key, text) in strings)
        {
            switch (key)
            {
                case "fromaccount":
                case "spent":
                    break;
                case "n":
                    wtx.OrderPos = ParseAtoi(text);
                    break;
                case "timesmart":
                    wtx.TimeSmart = unchecked((uint)ParseAtoi(text));
                    break;
                case "from":
                    wtx.From = text;
                    break;
                case "message":
                    wtx.Message = text;
                    break;
                case "comment":
                    wtx.Comment = text;
                    break;
                case "to":
                    wtx.CommentTo = text;
                    break;
                case "replaces_txid":
                    wtx.ReplacesTxid = uint256.TryParse(text, out var replaces) ? replaces : throw new WalletDataException("Invalid replaces_txid");
                    break;
                case "replaced_by_txid":
                    wtx.ReplacedByTxid = uint256.TryParse(text, out var replacedBy) ? replacedBy : throw new WalletDataException("Invalid replaced_by_txid");
                    break;
                default:
                    throw new WalletDataException("Unexpected value in CWalletTx strings value map");
            }
        }

        foreach (var (type, data) in pairs)
        {
            if (type == "Message") wtx.Messages.Add(data);
            else if (type == "PaymentRequest") wtx.PaymentRequests.Add(data);
            else throw new WalletDataException("Unknown type in CWalletTx messages and requests vector");
        }

        return wtx;
    }

    // Very old wallets stored ancestor transactions (CMerkleTx: tx, block hash, merkle branch, index); they are skipped.
    private static void SkipMerkleTx(DataReader r)
    {
        r.ReadTransaction();
        r.ReadUInt256();
        ulong count = r.ReadCompactSize();
        for (ulong i = 0; i < count; i++) r.ReadUInt256();
        r.ReadInt32();
    }

    // Core's LocaleIndependentAtoi: leading digits with an optional sign; anything else reads as 0.
    private static long ParseAtoi(string text)
    {
        var s = text.TrimStart(' ', '\t', '\n', '\r', '\f', '\v');
        int end = 0;
        if (end < s.Length && (s[end] == '-' || s[end] == '+')) end++;
        while (end < s.Length && char.IsAsciiDigit(s[end])) end++;
        return long.TryParse(s.AsSpan(0, end), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }
}
