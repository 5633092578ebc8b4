using Bitcoin.Common.Chain;
using Bitcoin.Common.DataDir;
using Bitcoin.Common.Util;

namespace Bitcoin.Common.Args;

public sealed partial class ArgsManager
{
    /// <summary>
    /// The data directory: absolute <c>-datadir</c> if given (or "" if it is not an existing directory), else the
    /// default (~/.bitcoin on Linux). Cached; see <see cref="ClearPathCache"/>.
    /// </summary>
    public string GetDataDirBase()
    {
        lock (_lock)
            return GetDataDirLocked(netSpecific: false);
    }

    /// <summary>
    /// The network data directory: <see cref="GetDataDirBase"/> plus the chain's subdirectory ("regtest", "testnet3",
    /// ...; none for main). Requires a selected chain. Not created here (see <see cref="ConfigInit.InitConfig"/>).
    /// </summary>
    public string GetDataDirNet()
    {
        lock (_lock)
            return GetDataDirLocked(netSpecific: true);
    }

    /// <summary>
    /// The block files directory, created if missing: <c>&lt;-blocksdir or datadir&gt;/&lt;chain dir&gt;/blocks</c>;
    /// "" if <c>-blocksdir</c> is not an existing directory (bitcoind then fails with "Specified blocks directory
    /// \"x\" does not exist.").
    /// </summary>
    public string GetBlocksDirPath()
    {
        lock (_lock)
        {
            if (_cachedBlocksPath.Length > 0)
                return _cachedBlocksPath;

            string path;
            if (!GetSettingLocked("-blocksdir").IsNull)
            {
                path = PathUtil.Absolute(GetPathArgLocked("-blocksdir", string.Empty));
                if (!Directory.Exists(path))
                    return string.Empty;
            }
            else
            {
                path = GetDataDirLocked(netSpecific: false);
            }

            path = Path.Join(path, SelectedChainParams().DataDir, "blocks");
            Directory.CreateDirectory(path);
            _cachedBlocksPath = path;
            return path;
        }
    }

    /// <summary>Forgets the cached data, network and blocks directories (after <c>-datadir</c> changes).</summary>
    public void ClearPathCache()
    {
        lock (_lock)
        {
            _cachedDataDirPath = string.Empty;
            _cachedNetworkDataDirPath = string.Empty;
            _cachedBlocksPath = string.Empty;
        }
    }

    private string GetDataDirLocked(bool netSpecific)
    {
        var cached = netSpecific ? _cachedNetworkDataDirPath : _cachedDataDirPath;
        if (cached.Length > 0)
            return cached;

        string path;
        var datadir = GetPathArgLocked("-datadir", string.Empty);
        if (datadir.Length > 0)
        {
            path = PathUtil.Absolute(datadir);
            if (!Directory.Exists(path))
                return string.Empty;
        }
        else
        {
            path = DataDirectory.GetDefaultDataDir();
        }

        if (netSpecific)
        {
            var subdirectory = SelectedChainParams().DataDir;
            if (subdirectory.Length > 0)
                path = Path.Join(path, subdirectory);
            _cachedNetworkDataDirPath = path;
        }
        else
        {
            _cachedDataDirPath = path;
        }

        return path;
    }

    private BaseChainParams SelectedChainParams() =>
        BaseChainParams.For(_chain ?? throw new InvalidOperationException("No chain is selected yet: call SelectChain first."));
}
