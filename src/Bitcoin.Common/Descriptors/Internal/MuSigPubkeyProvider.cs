using System.Text;
using NBitcoin;

namespace Bitcoin.Common.Descriptors.Internal;

/// <summary>
/// A <c>musig(KEY,KEY,...)</c> key expression, optionally followed by unhardened derivation from the aggregate
/// (BIP390). Only allowed in tr() and rawtr().
/// </summary>
internal sealed class MuSigPubkeyProvider : PubkeyProvider
{
    private readonly List<PubkeyProvider> _participants;
    private readonly uint[] _path;
    private readonly DeriveType _derive;
    private readonly bool _rangedParticipants;
    private readonly Network _network;
    private PubkeyProvider? _aggregateProvider;
    private PubKey? _aggregatePubKey;

    public MuSigPubkeyProvider(uint exprIndex, List<PubkeyProvider> participants, IReadOnlyList<uint> path, DeriveType derive, Network network)
        : base(exprIndex)
    {
        _participants = participants;
        _path = [.. path];
        _derive = derive;
        _network = network;
        _rangedParticipants = participants.Any(p => p.IsRange);
        if (_rangedParticipants && IsRangedDerivation) throw new ArgumentException("musig(): Cannot have both ranged participants and ranged derivation");
        if (derive == DeriveType.HardenedRanged) throw new ArgumentException("musig(): Cannot have hardened derivation");
    }

    private bool IsRangedDerivation => _derive != DeriveType.NonRanged;

    public override PubKey? GetPubKey(int pos, SigningProvider arg, FlatSigningProvider output, DescriptorCache? readCache = null, DescriptorCache? writeCache = null)
    {
        var dummy = new FlatSigningProvider();
        // With fixed participants the aggregate is computed once and later keys derive from it.
        if (_aggregateProvider is null && !_rangedParticipants)
        {
            var keys = new List<PubKey>();
            foreach (var p in _participants)
            {
                var k = p.GetPubKey(0, arg, dummy, readCache, writeCache);
                if (k is null) return null;
                keys.Add(k);
            }
            keys.Sort(PubKeyOrder.Instance);
            _aggregatePubKey = MuSig2.Aggregate(keys);
            if (_aggregatePubKey is null) return null;
            _aggregateProvider = IsRangedDerivation || _path.Length > 0
                ? new Bip32PubkeyProvider(ExprIndex, MuSig2.SyntheticXpub(_aggregatePubKey), _path, _derive, apostrophe: false, _network)
                : new ConstPubkeyProvider(ExprIndex, _aggregatePubKey, xonly: false, _network);
        }

        var pubkeys = new List<PubKey>();
        foreach (var p in _participants)
        {
            var k = p.GetPubKey(pos, arg, output, readCache, writeCache);
            if (k is null) return null;
            pubkeys.Add(k);
        }
        pubkeys.Sort(PubKeyOrder.Instance);

        PubKey result;
        if (_aggregateProvider is not null)
        {
            var pub = _aggregateProvider.GetPubKey(pos, dummy, output, readCache, writeCache);
            if (pub is null) return null;
            result = pub;
            output.AggregatePubKeys.TryAdd(_aggregatePubKey!, pubkeys);
        }
        else
        {
            if (_path.Length != 0) return null;
            var aggregate = MuSig2.Aggregate(pubkeys);
            if (aggregate is null) return null;
            result = aggregate;
            new ConstPubkeyProvider(ExprIndex, aggregate, xonly: false, _network).GetPubKey(0, dummy, output, readCache, writeCache);
            output.AggregatePubKeys.TryAdd(result, pubkeys);
        }
        return result;
    }

    public override bool IsRange => IsRangedDerivation || _rangedParticipants;

    // musig() is only allowed where keys are x-only.
    public override int Size => 32;

    private string Render(Func<PubkeyProvider, string> participant)
    {
        var sb = new StringBuilder("musig(");
        for (int i = 0; i < _participants.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(participant(_participants[i]));
        }
        sb.Append(')').Append(HDKeyPath.Format(_path, apostrophe: false));
        if (IsRangedDerivation) sb.Append("/*");
        return sb.ToString();
    }

    public override string ToString(KeyStringType type) => Render(p => p.ToString(type));

    public override bool ToPrivateString(SigningProvider arg, out string result)
    {
        bool any = false;
        result = Render(p =>
        {
            if (p.ToPrivateString(arg, out string s)) any = true;
            return s;
        });
        return any;
    }

    public override bool ToNormalizedString(SigningProvider arg, out string result, DescriptorCache? cache)
    {
        bool ok = true;
        result = Render(p =>
        {
            if (!p.ToNormalizedString(arg, out string s, cache)) ok = false;
            return s;
        });
        if (!ok) result = "";
        return ok;
    }

    public override void GetPrivKey(int pos, SigningProvider arg, FlatSigningProvider output)
    {
        foreach (var p in _participants) p.GetPrivKey(pos, arg, output);
    }

    public override bool HavePrivateKeys(SigningProvider arg) => _participants.All(p => p.HavePrivateKeys(arg));

    // An aggregate is not a key anyone should use on its own, so there is no single root key to report.
    public override PubKey? GetRootPubKey() => null;

    public override ExtPubKey? GetRootExtPubKey() => null;

    public override PubkeyProvider Clone()
        => new MuSigPubkeyProvider(ExprIndex, _participants.Select(p => p.Clone()).ToList(), _path, _derive, _network);

    public override bool IsBip32 => _participants.All(p => p.IsBip32);

    public override int KeyCount => 1 + _participants.Count;

    public override bool CanSelfExpand => _participants.All(p => p.CanSelfExpand);
}
