package io.homelab.observer.agent.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PruneType;
import com.github.dockerjava.api.model.PullResponseItem;
import io.homelab.observer.agent.config.AgentConfig;
import io.homelab.observer.agent.docker.DockerCalls;
import io.homelab.observer.agent.docker.Streaming;
import io.homelab.observer.agent.error.AgentErrors;
import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.ImagePullResult;
import io.homelab.observer.common.wire.ImageSummary;
import io.homelab.observer.common.wire.PruneResult;
import io.homelab.observer.common.wire.PullProgress;
import jakarta.inject.Singleton;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Images: list, pull (with progress), remove, prune. */
@Singleton
public class ImageService {

  /** Image references and ids: repository[:tag], repository@digest, sha256:..., short ids. */
  static final Pattern REF = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9._/:@-]{0,254}");

  private final DockerClient docker;
  private final DockerClient streaming;
  private final Duration pullTimeout;

  public ImageService(DockerClient docker, @Streaming DockerClient streaming, AgentConfig config) {
    this.docker = docker;
    this.streaming = streaming;
    this.pullTimeout = config.docker().pullTimeout();
  }

  static String checkRef(String ref) {
    if (ref == null || !REF.matcher(ref).matches() || ref.contains("..")) {
      throw ApiException.badRequest(
          "bad image reference: repository[:tag], repository@digest or an image id");
    }
    return ref;
  }

  /**
   * Every image with the number of containers (running or not) made from it. Docker's image list
   * answers -1 there unless asked for the expensive disk-usage pass, so the agent counts from the
   * container list instead: Portainer's "Unused" badge comes from the same count.
   */
  public List<ImageSummary> list() {
    List<Image> images = DockerCalls.run("images", () -> docker.listImagesCmd().exec());
    Map<String, Integer> containersByImage = new HashMap<>();
    for (Container c :
        DockerCalls.run("containers", () -> docker.listContainersCmd().withShowAll(true).exec())) {
      if (c.getImageId() != null) {
        containersByImage.merge(c.getImageId(), 1, Integer::sum);
      }
    }
    List<ImageSummary> out = new ArrayList<>(images.size());
    for (Image i : images) {
      out.add(
          new ImageSummary(
              i.getId(),
              i.getRepoTags() == null ? List.of() : Arrays.asList(i.getRepoTags()),
              i.getRepoDigests() == null ? List.of() : Arrays.asList(i.getRepoDigests()),
              i.getCreated() == null ? null : Instant.ofEpochSecond(i.getCreated()),
              i.getSize() == null ? 0 : i.getSize(),
              containersByImage.getOrDefault(i.getId(), 0)));
    }
    return out;
  }

  /** True when the image is present locally. */
  public boolean exists(String ref) {
    checkRef(ref);
    try {
      DockerCalls.run("image " + ref, () -> docker.inspectImageCmd(ref).exec());
      return true;
    } catch (ApiException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** Pulls and waits; progress goes nowhere. */
  public ImagePullResult pull(String ref) {
    return pull(ref, p -> {});
  }

  /**
   * Pulls {@code ref}, reporting each Docker progress message to {@code progress}; returns when the
   * pull is complete.
   */
  public ImagePullResult pull(String ref, Consumer<PullProgress> progress) {
    checkRef(ref);
    String[] repoTag = splitTag(ref);
    return DockerCalls.runUnbounded(
        "image " + ref,
        () -> {
          var cmd = streaming.pullImageCmd(repoTag[0]);
          if (repoTag[1] != null) {
            cmd.withTag(repoTag[1]);
          }
          String[] error = new String[1];
          ResultCallback.Adapter<PullResponseItem> cb =
              cmd.exec(
                  new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(PullResponseItem item) {
                      PullProgress p = progress(item);
                      if (p.error() != null) {
                        error[0] = p.error();
                      }
                      progress.accept(p);
                    }
                  });
          try {
            if (!cb.awaitCompletion(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
              close(cb);
              throw AgentErrors.dockerTimeout(
                  "pull of " + ref + " did not finish in " + pullTimeout);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(cb);
            throw AgentErrors.dockerTimeout("pull of " + ref + " was interrupted");
          }
          if (error[0] != null) {
            throw AgentErrors.dockerError("pull of " + ref + " failed: " + error[0]);
          }
          String id = docker.inspectImageCmd(ref).exec().getId();
          return new ImagePullResult(ref, id, "pulled");
        });
  }

  /** Runs a pull in the background for an SSE stream; closing the handle stops it. */
  public Closeable pullAsync(
      String ref, Consumer<PullProgress> progress, Consumer<Throwable> done) {
    checkRef(ref);
    String[] repoTag = splitTag(ref);
    var cmd = streaming.pullImageCmd(repoTag[0]);
    if (repoTag[1] != null) {
      cmd.withTag(repoTag[1]);
    }
    return cmd.exec(
        new ResultCallback.Adapter<>() {
          @Override
          public void onNext(PullResponseItem item) {
            progress.accept(progress(item));
          }

          @Override
          public void onError(Throwable t) {
            done.accept(t);
          }

          @Override
          public void onComplete() {
            done.accept(null);
          }
        });
  }

  static PullProgress progress(PullResponseItem item) {
    var detail = item.getProgressDetail();
    String error =
        item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError();
    return new PullProgress(
        item.getId(),
        item.getStatus(),
        detail == null ? null : detail.getCurrent(),
        detail == null ? null : detail.getTotal(),
        error);
  }

  public void remove(String ref, boolean force) {
    checkRef(ref);
    DockerCalls.run(
        "image " + ref,
        () -> {
          docker.removeImageCmd(ref).withForce(force).exec();
          return null;
        });
  }

  /**
   * Prunes unused images: dangling only, or every image no container uses ({@code all}); with
   * {@code label} only images carrying it ({@code key} or {@code key=value}).
   */
  public PruneResult prune(boolean all, String label) {
    if (label != null && !label.matches("[a-zA-Z0-9._/-]+(=[a-zA-Z0-9._/:-]*)?")) {
      throw ApiException.badRequest("label must be key or key=value");
    }
    Set<String> before = ids();
    Long reclaimed =
        DockerCalls.run(
            "images",
            () -> {
              var cmd = docker.pruneCmd(PruneType.IMAGES).withDangling(!all);
              if (label != null) {
                cmd.withLabelFilter(label);
              }
              return cmd.exec().getSpaceReclaimed();
            });
    before.removeAll(ids());
    return new PruneResult(new ArrayList<>(before), reclaimed == null ? 0 : reclaimed);
  }

  private Set<String> ids() {
    Set<String> ids = new HashSet<>();
    for (Image i :
        DockerCalls.run("images", () -> docker.listImagesCmd().withShowAll(true).exec())) {
      ids.add(i.getId());
    }
    return ids;
  }

  /**
   * {@code repo[:tag]} -> {repo, tag or null}; a colon before the last slash is a registry port.
   */
  static String[] splitTag(String ref) {
    if (ref.contains("@")) {
      return new String[] {ref, null};
    }
    int colon = ref.lastIndexOf(':');
    int slash = ref.lastIndexOf('/');
    if (colon > slash) {
      return new String[] {ref.substring(0, colon), ref.substring(colon + 1)};
    }
    return new String[] {ref, "latest"};
  }

  private static void close(Closeable c) {
    try {
      c.close();
    } catch (java.io.IOException ignored) {
      // Nothing more to release.
    }
  }
}
