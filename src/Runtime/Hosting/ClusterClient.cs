using Actors.Runtime.Diagnostics;
using Actors.Runtime.Membership;
using Actors.Runtime.Messaging.Remote;
using Actors.Runtime.Placement;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime.Hosting;

/// <summary>
/// A process that hosts no grains (an API process in a cluster) and sends every call straight to the grain's owner.
/// It reads the membership table, not as a member: at start, whenever the table announces a change (PostgreSQL
/// LISTEN/NOTIFY) and every <see cref="MembershipOptions.TableRefreshPeriod"/>, and builds the ring over the Active silos.
/// </summary>
internal sealed partial class ClusterClient(
    IMembershipTable table,
    ClusterPlacement placement,
    RemoteGrainCalls remote,
    IOptions<MembershipOptions> options,
    TimeProvider time,
    ILogger<ClusterClient> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loops = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        _loops = Task.WhenAll(PollAsync(_stopping.Token), WatchAsync(_stopping.Token));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loops.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await remote.Connections.DisposeAsync();
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var snapshot = await table.ReadAllAsync(cancellationToken);
        placement.Update(snapshot.Version, snapshot.ActiveSilos);
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.TableRefreshPeriod, time, cancellationToken);
                await RefreshAsync(cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogViewFailed(exception, options.Value.TableRefreshPeriod);
            }
            catch (Exception)
            {
                return;
            }
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var version in table.WatchAsync(cancellationToken))
                {
                    if (version > placement.Current.Version)
                        await RefreshAsync(cancellationToken);
                }

                await Task.Delay(options.Value.TableRefreshPeriod, time, cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogViewFailed(exception, options.Value.TableRefreshPeriod);
                await Task.Delay(options.Value.TableRefreshPeriod, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventIds.ClusterClientViewFailed, LogLevel.Warning, "Reading the membership table failed; the client keeps its last view and tries again within {RetryIn}")]
    private partial void LogViewFailed(Exception exception, TimeSpan retryIn);
}
