using Bitcoin.Common.Addresses;
using Bitcoin.Common.Descriptors;
using Bitcoin.Wallet.Spend.Internal;
using NBitcoin;

namespace Bitcoin.Wallet.Spend;

/// <summary>
/// Sizes of inputs and transactions once signed, from the descriptors that solve their scripts (Core's
/// CalculateMaximumSignedInputSize / CalculateMaximumSignedTxSize).
/// </summary>
public static class InputSizes
{
    private const int WitnessScaleFactor = 4;

    /// <summary>
    /// The largest virtual size of spending <paramref name="txOut"/> with <paramref name="provider"/>'s solving data
    /// (high-R signatures unless <paramref name="canGrindR"/>), or -1 if it cannot be solved.
    /// </summary>
    public static int MaximumSignedInputSize(TxOut txOut, OutPoint outpoint, SigningProvider? provider, bool canGrindR, SpendCoinControl? coinControl,
        Network network)
    {
        ArgumentNullException.ThrowIfNull(txOut);
        if (provider is null) return -1;
        var descriptor = Descriptor.Infer(txOut.ScriptPubKey, provider, network);
        var weight = MaxInputWeight(descriptor, outpoint, coinControl, txIsSegwit: true, canGrindR);
        return weight is long w ? (int)VirtualSize(w) : -1;
    }

    /// <summary>The largest virtual size of spending <paramref name="txOut"/> with the wallet's solving data, or -1.</summary>
    public static int MaximumSignedInputSize(TxOut txOut, DescriptorWallet wallet, SpendCoinControl? coinControl)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        return MaximumSignedInputSize(txOut, new OutPoint(), wallet.GetSolvingProvider(txOut.ScriptPubKey), CanGrindR(wallet), coinControl, wallet.Network);
    }

    /// <summary>
    /// The size of <paramref name="tx"/> once signed: its outputs and header, plus each input's largest signed size
    /// (the weight given in <paramref name="coinControl"/>, else from the descriptor of its spent output in
    /// <paramref name="spentOutputs"/>). Unknown if an input cannot be solved.
    /// </summary>
    public static TxSize MaximumSignedTxSize(Transaction tx, DescriptorWallet wallet, IReadOnlyList<TxOut> spentOutputs, SpendCoinControl? coinControl)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(spentOutputs);
        long weight = (4 + 4 + CompactSizeLength(tx.Inputs.Count) + CompactSizeLength(tx.Outputs.Count)) * WitnessScaleFactor;
        bool isSegwit = spentOutputs.Any(o => DescriptorFor(wallet, coinControl, o.ScriptPubKey) is { } d && IsSegwit(d));
        if (isSegwit) weight += 2;
        foreach (var output in tx.Outputs) weight += (8 + CompactSizeLength(output.ScriptPubKey.Length) + output.ScriptPubKey.Length) * WitnessScaleFactor;
        bool canGrindR = CanGrindR(wallet);
        for (int i = 0; i < spentOutputs.Count; i++)
        {
            var input = tx.Inputs[i];
            long? inputWeight = coinControl?.GetInputWeight(input.PrevOut);
            if (inputWeight is null)
            {
                var descriptor = DescriptorFor(wallet, coinControl, spentOutputs[i].ScriptPubKey);
                if (descriptor is not null) inputWeight = MaxInputWeight(descriptor, input.PrevOut, coinControl, isSegwit, canGrindR);
            }
            if (inputWeight is null) return TxSize.Unknown;
            weight += inputWeight.Value;
        }
        return new TxSize(VirtualSize(weight), weight);
    }

    /// <summary>As the other overload, looking up spent outputs in the wallet or among the external inputs; unknown if one is missing.</summary>
    public static TxSize MaximumSignedTxSize(Transaction tx, DescriptorWallet wallet, SpendCoinControl? coinControl)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(wallet);
        var spent = new List<TxOut>();
        foreach (var input in tx.Inputs)
        {
            var wtx = wallet.GetWalletTx(input.PrevOut.Hash);
            if (wtx is not null)
            {
                spent.Add(wtx.Tx.Outputs[(int)input.PrevOut.N]);
            }
            else if (coinControl?.GetExternalOutput(input.PrevOut) is { } external)
            {
                spent.Add(external);
            }
            else
            {
                return TxSize.Unknown;
            }
        }
        return MaximumSignedTxSize(tx, wallet, spent, coinControl);
    }

    /// <summary>
    /// Core's CanGrindR: a wallet that signs itself grinds low-R signatures (71 bytes at most); a wallet without
    /// private keys cannot know who signs, so its estimates assume 72-byte signatures.
    /// </summary>
    public static bool CanGrindR(DescriptorWallet wallet) => !wallet.IsWalletFlagSet(WalletFlags.DisablePrivateKeys);

    /// <summary>Core's GetVirtualTransactionSize(weight, 0, 0).</summary>
    public static long VirtualSize(long weight) => (weight + WitnessScaleFactor - 1) / WitnessScaleFactor;

    /// <summary>The serialized length of a compact size.</summary>
    public static int CompactSizeLength(long n) => n < 253 ? 1 : n <= 0xffff ? 3 : n <= 0xffffffffL ? 5 : 9;

    // Core's MaxInputWeight: outpoint, sequence and scriptSig length at full weight, the witness stack count, and the
    // descriptor's largest satisfaction (already discounted for witness data).
    private static long? MaxInputWeight(Descriptor descriptor, OutPoint outpoint, SpendCoinControl? coinControl, bool txIsSegwit, bool canGrindR)
    {
        bool useMaxSig = coinControl is not null && coinControl.IsExternalSelected(outpoint);
        var satWeight = descriptor.MaxSatisfactionWeight(!canGrindR || useMaxSig);
        var elems = descriptor.MaxSatisfactionElems;
        if (satWeight is null || elems is null) return null;
        bool segwit = IsSegwit(descriptor);
        long scriptSigLength = segwit ? 1 : CompactSizeLength(satWeight.Value / WitnessScaleFactor);
        long witnessStackLength = segwit ? CompactSizeLength(elems.Value) : (txIsSegwit ? 1 : 0);
        return (32 + 4 + 4 + scriptSigLength) * WitnessScaleFactor + witnessStackLength + satWeight.Value;
    }

    private static bool IsSegwit(Descriptor descriptor) => descriptor.GetOutputType() is { } type && type != OutputType.Legacy;

    // Core's GetDescriptor: inferred from every solving provider of the wallet for the script plus the external ones.
    private static Descriptor? DescriptorFor(DescriptorWallet wallet, SpendCoinControl? coinControl, Script script)
    {
        var providers = new MultiSigningProvider();
        foreach (var spkm in wallet.GetScriptPubKeyMans(script)) providers.Add(spkm.GetSolvingProvider(script));
        if (coinControl is not null) providers.Add(coinControl.ExternalProvider);
        return Descriptor.Infer(script, providers, wallet.Network);
    }
}
