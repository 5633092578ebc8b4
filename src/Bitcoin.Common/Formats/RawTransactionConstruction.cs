using System.Text.Json.Nodes;
using Bitcoin.Common.Addresses;
using Bitcoin.Common.Addresses.Internal;
using Bitcoin.Common.Json;
using Bitcoin.Common.Rpc;
using NBitcoin;

namespace Bitcoin.Common.Formats;

/// <summary>Core's rawtransaction_util ConstructTransaction (createrawtransaction, createpsbt, walletcreatefundedpsbt inputs).</summary>
public static class RawTransactionConstruction
{
    /// <summary>Core's TX_MIN_STANDARD_VERSION.</summary>
    public const uint MinStandardVersion = 1;

    /// <summary>Core's TX_MAX_STANDARD_VERSION.</summary>
    public const uint MaxStandardVersion = 3;

    /// <summary>Core's MAX_BIP125_RBF_SEQUENCE: the highest sequence that signals replaceability.</summary>
    public const uint MaxBip125RbfSequence = 0xfffffffd;

    /// <summary>
    /// Builds an unsigned transaction from createrawtransaction-style arguments with Core's checks and messages:
    /// <paramref name="inputs"/> [{"txid","vout","sequence"?}] (or null), <paramref name="outputs"/> {address: amount,
    /// "data": hex} or [{...}, ...], optional <paramref name="locktime"/>, <paramref name="replaceable"/> (unset means
    /// replaceable sequences unless a sequence is given) and <paramref name="version"/>.
    /// </summary>
    public static Transaction ConstructTransaction(JsonNode? inputs, JsonNode? outputs, JsonNode? locktime, bool? replaceable,
        uint version, Network network)
    {
        var tx = network.CreateTransaction();
        if (!locktime.IsNull())
        {
            long lockTime = locktime.GetInt64();
            if (lockTime < 0 || lockTime > uint.MaxValue)
                throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, locktime out of range");
            tx.LockTime = new LockTime((uint)lockTime);
        }
        if (version < MinStandardVersion || version > MaxStandardVersion)
            throw new RpcException(RpcErrorCode.InvalidParameter, $"Invalid parameter, version out of range({MinStandardVersion}~{MaxStandardVersion})");
        tx.Version = version;

        AddInputs(tx, inputs, replaceable);
        AddOutputs(tx, outputs, network);

        if (replaceable == true && tx.Inputs.Count > 0 && !tx.Inputs.Any(i => i.Sequence.Value <= MaxBip125RbfSequence))
            throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter combination: Sequence number(s) contradict replaceable option");
        return tx;
    }

    /// <summary>Core's AddInputs.</summary>
    public static void AddInputs(Transaction tx, JsonNode? inputsIn, bool? replaceable)
    {
        var inputs = inputsIn.IsNull() ? new JsonArray() : inputsIn.GetArr();
        foreach (var input in inputs)
        {
            var o = input.GetObj();
            var txid = RpcValues.ParseHashO(o, "txid");
            var voutValue = o.Find("vout");
            if (!voutValue.IsNum()) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, missing vout key");
            int output = voutValue.GetInt32();
            if (output < 0) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, vout cannot be negative");

            uint sequence;
            if (replaceable ?? true) sequence = MaxBip125RbfSequence;
            else if (tx.LockTime.Value != 0) sequence = 0xfffffffe;
            else sequence = 0xffffffff;

            var sequenceValue = o.Find("sequence");
            if (sequenceValue.IsNum())
            {
                long seq = sequenceValue.GetInt64();
                if (seq < 0 || seq > uint.MaxValue)
                    throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, sequence number is out of range");
                sequence = (uint)seq;
            }
            tx.Inputs.Add(new TxIn(new OutPoint(txid, (uint)output)) { Sequence = new Sequence(sequence) });
        }
    }

    /// <summary>
    /// Core's NormalizeOutputs: the outputs as (key, value) pairs in order, from an object or an array of one-key
    /// objects (duplicates are kept, as in Core, and rejected later).
    /// </summary>
    public static List<KeyValuePair<string, JsonNode?>> NormalizeOutputs(JsonNode? outputsIn)
    {
        if (outputsIn.IsNull()) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, output argument must be non-null");
        var pairs = new List<KeyValuePair<string, JsonNode?>>();
        if (outputsIn.IsObject())
        {
            AddWithDuplicates(pairs, outputsIn.GetObj());
            return pairs;
        }
        foreach (var output in outputsIn.GetArr())
        {
            if (!output.IsObject())
                throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, key-value pair not an object as expected");
            var pair = output.GetObj();
            if (pair.Count + JsonText.DuplicateKeys(pair).Count != 1)
                throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, key-value pair must contain exactly one key");
            pairs.AddRange(pair);
        }
        return pairs;
    }

    // UniValue keeps repeated keys of parsed JSON, so Core sees {"a": 1, "a": 2} as two outputs and rejects the second;
    // a JsonObject keeps only the first, and the parser reports the repeats, which go right after the first occurrence.
    private static void AddWithDuplicates(List<KeyValuePair<string, JsonNode?>> pairs, JsonObject obj)
    {
        var duplicates = JsonText.DuplicateKeys(obj);
        foreach (var pair in obj)
        {
            pairs.Add(pair);
            foreach (string key in duplicates)
            {
                if (key == pair.Key) pairs.Add(pair);
            }
        }
    }

    /// <summary>
    /// Core's ParseOutputs: destinations and amounts in order; "data" becomes an OP_RETURN output of 0. Errors: -8
    /// "Invalid parameter, duplicate key: data", "Data must be hexadecimal string (not 'X')", "Invalid parameter,
    /// duplicated address: X"; -5 "Invalid Bitcoin address: X"; amount errors as <see cref="Amounts.AmountFromValue"/>.
    /// </summary>
    public static List<(TxDestination Destination, long Amount)> ParseOutputs(IReadOnlyList<KeyValuePair<string, JsonNode?>> outputs, Network network)
    {
        var destinations = new HashSet<TxDestination>();
        var parsed = new List<(TxDestination, long)>();
        bool hasData = false;
        // Core looks values up by key, so a repeated key is checked with the value it first had.
        var firstValues = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, v) in outputs) firstValues.TryAdd(key, v);
        foreach (var (name, _) in outputs)
        {
            var value = firstValues[name];
            if (name == "data")
            {
                if (hasData) throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, duplicate key: data");
                hasData = true;
                var data = RpcValues.ParseHexV(JsonValue.Create(value.GetValStr()), "Data");
                var script = new ScriptBuilder().Op(ScriptOpcodes.OP_RETURN).Push(data).ToScript();
                parsed.Add((new NoDestination(script), 0));
                continue;
            }
            var decoded = AddressEncoding.DecodeDestination(name, network);
            long amount = Amounts.AmountFromValue(value);
            if (!decoded.IsValid) throw new RpcException(RpcErrorCode.InvalidAddressOrKey, "Invalid Bitcoin address: " + name);
            if (!destinations.Add(decoded.Destination))
                throw new RpcException(RpcErrorCode.InvalidParameter, "Invalid parameter, duplicated address: " + name);
            parsed.Add((decoded.Destination, amount));
        }
        return parsed;
    }

    /// <summary>Core's AddOutputs: normalizes, parses and appends the outputs.</summary>
    public static void AddOutputs(Transaction tx, JsonNode? outputsIn, Network network)
    {
        foreach (var (destination, amount) in ParseOutputs(NormalizeOutputs(outputsIn), network))
            tx.Outputs.Add(new TxOut(Money.Satoshis(amount), destination.ToScript()));
    }
}
