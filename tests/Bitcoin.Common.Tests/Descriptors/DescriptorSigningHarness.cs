using System.Text.Json.Nodes;
using Bitcoin.Common.Descriptors;
using Bitcoin.Common.Descriptors.Signing;
using NBitcoin;

namespace Bitcoin.Common.Tests.Descriptors;

/// <summary>
/// The signing step of Core's DoCheck: spend the script from a one-input, one-output version 2 transaction with the
/// case's locktime, sequence and preimages, using SIGHASH_DEFAULT and a zero amount.
/// </summary>
internal static class DescriptorSigningHarness
{
    public static bool TrySign(JsonObject c, FlatSigningProvider keys, FlatSigningProvider scripts, Script spk)
    {
        var tx = Network.Main.CreateTransaction();
        tx.Version = 2;
        tx.LockTime = new LockTime((uint)(long)c["locktime"]!);
        tx.Inputs.Add(new TxIn(new OutPoint()) { Sequence = new Sequence((uint)(long)c["sequence"]!) });
        tx.Outputs.Add(new TxOut(Money.Zero, Script.Empty));
        var txData = tx.PrecomputeTransactionData([new TxOut(Money.Zero, Script.Empty)]);
        var creator = new TransactionSignatureCreator(tx, 0, 0, txData, TransactionSignatureCreator.SighashDefault);
        var sigdata = new SignatureData();
        // Core puts every preimage in all four maps; the hashes do not collide.
        foreach (var pair in c["preimages"]!.AsArray())
        {
            string hash = ((string)pair![0]!).ToUpperInvariant();
            var preimage = Convert.FromHexString((string)pair[1]!);
            sigdata.Sha256Preimages[hash] = preimage;
            sigdata.Hash256Preimages[hash] = preimage;
            sigdata.Ripemd160Preimages[hash] = preimage;
            sigdata.Hash160Preimages[hash] = preimage;
        }
        var provider = keys.Clone().Merge(scripts);
        return SignatureProducer.ProduceSignature(provider, creator, spk, sigdata);
    }
}
