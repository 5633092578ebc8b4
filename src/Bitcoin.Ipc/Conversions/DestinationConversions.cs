using Bitcoin.Common.Addresses;
using NBitcoin;
using M = Bitcoin.Ipc.Capnp.Messages;

namespace Bitcoin.Ipc.Conversions;

/// <summary>
/// <see cref="TxDestination"/> as the schema's <c>TxDestination</c> struct: the member of its kind holds the key, hash
/// or program; none set is a destination-less script.
/// </summary>
internal static class DestinationConversions
{
    public static void Write(TxDestination destination, M.TxDestination.Builder output)
    {
        switch (destination)
        {
            case PubKeyDestination d:
                output.SetPubKey(d.EncodedPubKey);
                break;
            case PubKeyHashDestination d:
                output.SetPkHash(d.Hash.ToBytes());
                break;
            case ScriptHashDestination d:
                output.SetScriptHash(d.Hash.ToBytes());
                break;
            case WitnessV0ScriptHashDestination d:
                output.SetWitnessV0ScriptHash(d.Hash);
                break;
            case WitnessV0KeyHashDestination d:
                output.SetWitnessV0KeyHash(d.Hash.ToBytes());
                break;
            case WitnessV1TaprootDestination d:
                output.SetWitnessV1Taproot(d.OutputKey);
                break;
            case WitnessUnknownDestination d:
                var unknown = output.InitWitnessUnknown();
                unknown.Version = (uint)d.Version;
                unknown.SetProgram(d.Program);
                break;
            case PayToAnchorDestination:
                output.PayToAnchor = true;
                break;
            case NoDestination d:
                if (d.ScriptBytes.Length > 0) output.SetNoDestinationScript(d.ScriptBytes);
                break;
            default:
                throw new ArgumentException($"Unknown destination type {destination.GetType().Name}.", nameof(destination));
        }
    }

    public static TxDestination Read(M.TxDestination input)
    {
        if (input.Struct.IsNull) return new NoDestination();
        if (input.HasPubKey) return new PubKeyDestination(input.PubKey.Span);
        if (input.HasPkHash) return new PubKeyHashDestination(new KeyId(Exactly(input.PkHash, 20, "key hash")));
        if (input.HasScriptHash) return new ScriptHashDestination(new ScriptId(Exactly(input.ScriptHash, 20, "script hash")));
        if (input.HasWitnessV0ScriptHash) return new WitnessV0ScriptHashDestination(Exactly(input.WitnessV0ScriptHash, 32, "witness script hash"));
        if (input.HasWitnessV0KeyHash) return new WitnessV0KeyHashDestination(new KeyId(Exactly(input.WitnessV0KeyHash, 20, "witness key hash")));
        if (input.HasWitnessV1Taproot) return new WitnessV1TaprootDestination(Exactly(input.WitnessV1Taproot, 32, "taproot output key"));
        if (input.HasWitnessUnknown)
        {
            var unknown = input.WitnessUnknown;
            if (unknown.Version is < 1 or > 16) throw new IpcFormatException($"A witness version must be 1 to 16, got {unknown.Version}.");
            if (unknown.Program.Length is < 2 or > 40) throw new IpcFormatException("A witness program must be 2 to 40 bytes.");
            return new WitnessUnknownDestination((int)unknown.Version, unknown.Program.Span);
        }

        if (input.PayToAnchor) return new PayToAnchorDestination();
        return input.HasNoDestinationScript ? new NoDestination(Script.FromBytesUnsafe(input.NoDestinationScript.ToArray())) : new NoDestination();
    }

    private static byte[] Exactly(ReadOnlyMemory<byte> data, int length, string what)
    {
        if (data.Length != length) throw new IpcFormatException($"A {what} must be {length} bytes, got {data.Length}.");
        return data.ToArray();
    }
}
