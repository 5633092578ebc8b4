using Bitcoin.Interfaces;
using Bitcoin.Kernel.Chain;
using Bitcoin.Kernel.Validation;
using NBitcoin;

namespace Bitcoin.Node.Interfaces.Internal;

internal sealed partial class ChainImpl
{
    /// <inheritdoc/>
    public bool FindBlock(uint256 hash, FoundBlockRequest request, out FoundBlockResult block)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(request);
        var chainman = Chainman;
        BlockIndex? index;
        lock (chainman.Lock) index = chainman.LookupBlockIndex(hash);
        block = Fill(chainman, index, request);
        return block.Found;
    }

    /// <inheritdoc/>
    public bool FindFirstBlockWithTimeAndHeight(long minTime, int minHeight, FoundBlockRequest request, out FoundBlockResult block)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chainman = Chainman;
        BlockIndex? index;
        lock (chainman.Lock) index = chainman.ActiveChain.FindEarliestAtLeast(minTime, minHeight);
        block = Fill(chainman, index, request);
        return block.Found;
    }

    /// <inheritdoc/>
    public bool FindAncestorByHeight(uint256 blockHash, int ancestorHeight, FoundBlockRequest request, out FoundBlockResult ancestor)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chainman = Chainman;
        BlockIndex? index;
        lock (chainman.Lock) index = ancestorHeight < 0 ? null : chainman.LookupBlockIndex(blockHash)?.GetAncestor(ancestorHeight);
        ancestor = Fill(chainman, index, request);
        return ancestor.Found;
    }

    /// <inheritdoc/>
    public bool FindAncestorByHash(uint256 blockHash, uint256 ancestorHash, FoundBlockRequest request, out FoundBlockResult ancestor)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chainman = Chainman;
        BlockIndex? found;
        lock (chainman.Lock)
        {
            var block = chainman.LookupBlockIndex(blockHash);
            found = chainman.LookupBlockIndex(ancestorHash);
            if (block is not null && found is not null && block.GetAncestor(found.Height) != found) found = null;
        }

        ancestor = Fill(chainman, found, request);
        return ancestor.Found;
    }

    /// <inheritdoc/>
    public bool FindCommonAncestor(uint256 blockHash1, uint256 blockHash2, FoundBlockRequest ancestorRequest, FoundBlockRequest block1Request,
        FoundBlockRequest block2Request, out FoundBlockResult ancestor, out FoundBlockResult block1, out FoundBlockResult block2)
    {
        var chainman = Chainman;
        BlockIndex? index1, index2, common;
        lock (chainman.Lock)
        {
            index1 = chainman.LookupBlockIndex(blockHash1);
            index2 = chainman.LookupBlockIndex(blockHash2);
            common = index1 is not null && index2 is not null ? BlockIndex.LastCommonAncestor(index1, index2) : null;
        }

        ancestor = Fill(chainman, common, ancestorRequest);
        block1 = Fill(chainman, index1, block1Request);
        block2 = Fill(chainman, index2, block2Request);
        return ancestor.Found && block1.Found && block2.Found;
    }

    // Core's FillBlock: facts under the chain lock, block data read without it.
    private static FoundBlockResult Fill(ChainstateManager chainman, BlockIndex? index, FoundBlockRequest request)
    {
        if (index is null) return FoundBlockResult.NotFound;
        FoundBlockResult result;
        BlockIndex? nextIndex = null;
        lock (chainman.Lock)
        {
            result = FillLocked(chainman, index, request);
            if (result.NextBlock is { Found: true }) nextIndex = chainman.ActiveChain[index.Height + 1];
        }

        if (request.WantData) result = result with { Data = chainman.ReadBlock(index) };
        if (request.NextBlock is { WantData: true } && nextIndex is not null)
            result = result with { NextBlock = result.NextBlock! with { Data = chainman.ReadBlock(nextIndex) } };
        return result;
    }

    private static FoundBlockResult FillLocked(ChainstateManager chainman, BlockIndex index, FoundBlockRequest request)
    {
        var active = chainman.ActiveChain;
        bool inActive = active[index.Height] == index;
        return new FoundBlockResult
        {
            Found = true,
            Hash = request.WantHash ? index.Hash : null,
            Height = request.WantHeight ? index.Height : 0,
            Time = request.WantTime ? index.BlockTime : 0,
            MaxTime = request.WantMaxTime ? index.TimeMax : 0,
            MtpTime = request.WantMtpTime ? index.GetMedianTimePast() : 0,
            InActiveChain = request.WantInActiveChain && inActive,
            Locator = request.WantLocator ? ActiveChain.CreateLocator(index) : null,
            NextBlock = request.NextBlock is { } nextRequest
                ? inActive && active[index.Height + 1] is { } n ? FillLocked(chainman, n, nextRequest) : FoundBlockResult.NotFound
                : null,
        };
    }
}
