using Bitcoin.Common.Addresses;
using Bitcoin.Common.Addresses.Internal;
using NBitcoin;
using NBitcoin.Crypto;

namespace Bitcoin.Common.Descriptors.Signing;

public static partial class SignatureProducer
{
    /// <summary>Core's MAX_MONEY, used as the amount of a spent output whose amount is unknown.</summary>
    public const long MaxMoney = 21_000_000L * 100_000_000L;

    /// <summary>
    /// Core's DataFromTransaction: reads what input <paramref name="inputIndex"/> already carries (complete if it
    /// verifies; otherwise its redeem/witness script and the multisig signatures that check out).
    /// </summary>
    public static SignatureData DataFromTransaction(Transaction tx, int inputIndex, TxOut spent, PrecomputedTransactionData? txData = null)
    {
        var data = new SignatureData
        {
            ScriptSig = tx.Inputs[inputIndex].ScriptSig,
            ScriptWitness = tx.Inputs[inputIndex].WitScript.Pushes.ToList(),
        };
        if (ScriptVerification.Verify(data.ScriptSig, data.ScriptWitness, spent.ScriptPubKey, tx, inputIndex, spent.Value.Satoshi, txData, out _))
        {
            data.Complete = true;
            return data;
        }

        var scriptStack = PushedElements(data.ScriptSig);
        var witnessStack = new List<byte[]>(data.ScriptWitness);
        var scriptType = ScriptSolver.Solve(spent.ScriptPubKey, out var solutions);
        var sigVersion = SigVersion.Base;
        var nextScript = spent.ScriptPubKey;

        if (scriptType == TxoutType.ScriptHash && scriptStack.Count > 0 && scriptStack[^1].Length > 0)
        {
            var redeemScript = Script.FromBytesUnsafe(scriptStack[^1]);
            data.RedeemScript = redeemScript;
            nextScript = redeemScript;
            scriptType = ScriptSolver.Solve(nextScript, out solutions);
            scriptStack.RemoveAt(scriptStack.Count - 1);
        }
        if (scriptType == TxoutType.WitnessV0ScriptHash && witnessStack.Count > 0 && witnessStack[^1].Length > 0)
        {
            var witnessScript = Script.FromBytesUnsafe(witnessStack[^1]);
            data.WitnessScript = witnessScript;
            nextScript = witnessScript;
            scriptType = ScriptSolver.Solve(nextScript, out solutions);
            witnessStack.RemoveAt(witnessStack.Count - 1);
            scriptStack = witnessStack;
            sigVersion = SigVersion.WitnessV0;
        }
        if (scriptType == TxoutType.Multisig && scriptStack.Count > 0)
        {
            // Match signatures to keys in order, as CHECKMULTISIG would.
            int numPubKeys = solutions.Count - 2;
            int lastSuccessKey = 0;
            foreach (var sig in scriptStack)
            {
                for (int i = lastSuccessKey; i < numPubKeys; i++)
                {
                    var pubkey = solutions[i + 1];
                    if (data.Signatures.ContainsKey(CoreHashes.KeyIdOf(pubkey)) ||
                        CheckEcdsaSignature(sig, pubkey, nextScript, sigVersion, tx, inputIndex, spent.Value.Satoshi, txData, data))
                    {
                        lastSuccessKey = i + 1;
                        break;
                    }
                }
            }
        }
        return data;
    }

    /// <summary>Writes the scriptSig and witness of <paramref name="data"/> into the input (Core's UpdateInput).</summary>
    public static void UpdateInput(TxIn input, SignatureData data)
    {
        input.ScriptSig = data.ScriptSig;
        input.WitScript = new WitScript(data.ScriptWitness.ToArray());
    }

    /// <summary>
    /// Core's SignTransaction: signs every input whose spent output is in <paramref name="coins"/> with
    /// <paramref name="provider"/>, keeping existing signatures. Returns whether every input is complete;
    /// <paramref name="inputErrors"/> gets Core's message for each input that is not ("Input not found or already
    /// spent", "Missing amount", "Unable to sign input, invalid stack size (possibly missing key)", "CHECK(MULTI)SIG
    /// failing with non-zero signature (possibly need more signatures)", or the script error).
    /// </summary>
    public static bool SignTransaction(Transaction tx, SigningProvider provider, IReadOnlyDictionary<OutPoint, TxOut> coins,
        int sighashType, SortedDictionary<int, string> inputErrors)
    {
        bool hashSingle = (sighashType & ~0x80) == (int)SigHash.Single;
        var unsigned = tx.Clone();
        PrecomputedTransactionData txData;
        var spentOutputs = new List<TxOut>();
        foreach (var input in tx.Inputs)
        {
            if (!coins.TryGetValue(input.PrevOut, out var coin)) break;
            spentOutputs.Add(coin);
        }
        txData = spentOutputs.Count == tx.Inputs.Count ? unsigned.PrecomputeTransactionData(spentOutputs.ToArray()) : unsigned.PrecomputeTransactionData();

        for (int i = 0; i < tx.Inputs.Count; i++)
        {
            var input = tx.Inputs[i];
            if (!coins.TryGetValue(input.PrevOut, out var coin))
            {
                inputErrors[i] = "Input not found or already spent";
                continue;
            }
            long amount = coin.Value.Satoshi;
            var sigdata = DataFromTransaction(tx, i, coin, txData);
            // SIGHASH_SINGLE signs only inputs that have a matching output.
            if (!hashSingle || i < tx.Outputs.Count)
                ProduceSignature(provider, new TransactionSignatureCreator(unsigned, i, amount, txData, sighashType), coin.ScriptPubKey, sigdata);
            UpdateInput(input, sigdata);

            // A segwit signature commits to the amount, so it must have been given.
            if (amount == MaxMoney && sigdata.ScriptWitness.Count > 0)
            {
                inputErrors[i] = "Missing amount";
                continue;
            }
            if (!sigdata.Complete &&
                !ScriptVerification.Verify(input.ScriptSig, sigdata.ScriptWitness, coin.ScriptPubKey, unsigned, i, amount, txData, out var error))
            {
                inputErrors[i] = error switch
                {
                    ScriptError.InvalidStackOperation => "Unable to sign input, invalid stack size (possibly missing key)",
                    ScriptError.NullFail => "CHECK(MULTI)SIG failing with non-zero signature (possibly need more signatures)",
                    _ => ScriptErrors.ToCoreString(error),
                };
            }
            else
            {
                inputErrors.Remove(i);
            }
        }
        return inputErrors.Count == 0;
    }

    /// <summary>Core's IsSegWitOutput: a witness program, or P2SH of one whose redeem script the provider knows.</summary>
    public static bool IsSegWitOutput(SigningProvider provider, Script script)
    {
        var bytes = script.ToBytes(true);
        if (ScriptParsing.IsWitnessProgram(bytes, out _, out _)) return true;
        if (ScriptParsing.IsPayToScriptHash(bytes) && provider.TryGetScript(new ScriptId(bytes.AsSpan(2, 20).ToArray()), out var subscript))
            return ScriptParsing.IsWitnessProgram(subscript.ToBytes(true), out _, out _);
        return false;
    }

    // The pushes of a push-only scriptSig, as Core's evaluation of a scriptSig leaves them on the stack. Evaluation
    // stops at the first opcode that is not a push (Core would execute it; signing data never contains one).
    private static List<byte[]> PushedElements(Script scriptSig)
    {
        var result = new List<byte[]>();
        var bytes = scriptSig.ToBytes(true);
        int pc = 0;
        while (pc < bytes.Length)
        {
            if (!ScriptParsing.GetOp(bytes, ref pc, out byte op, out var data)) break;
            if (op <= ScriptOpcodes.OP_PUSHDATA4) result.Add(data.ToArray());
            else if (op == ScriptOpcodes.OP_1NEGATE) result.Add([0x81]);
            else if (op >= ScriptOpcodes.OP_1 && op <= ScriptOpcodes.OP_16) result.Add([(byte)ScriptOpcodes.DecodeOpN(op)]);
            else break;
        }
        return result;
    }

    // Core's signature check for a legacy or segwit v0 signature; a valid one is recorded in data.Signatures.
    private static bool CheckEcdsaSignature(byte[] sigWithType, byte[] pubkeyBytes, Script scriptCode, SigVersion sigVersion,
        Transaction tx, int inputIndex, long amount, PrecomputedTransactionData? txData, SignatureData data)
    {
        if (sigWithType.Length == 0 || !PubKeyBytes.TryParse(pubkeyBytes, out var pubkey)) return false;
        int hashType = sigWithType[^1];
        var der = sigWithType[..^1];
        if (!ECDSASignature.IsValidDER(der)) return false;
        ECDSASignature sig;
        try
        {
            sig = ECDSASignature.FromDER(der).MakeCanonical();
        }
        catch (FormatException)
        {
            return false;
        }
        var hash = tx.GetSignatureHash(scriptCode, inputIndex, (SigHash)hashType, new TxOut(Money.Satoshis(amount), Script.Empty),
            sigVersion == SigVersion.WitnessV0 ? HashVersion.WitnessV0 : HashVersion.Original, txData);
        if (!pubkey.Verify(hash, sig)) return false;
        data.Signatures.TryAdd(pubkey.Hash, (pubkey, sigWithType));
        return true;
    }
}
