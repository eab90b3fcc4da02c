package io.homelab.observer.agent.image;

import io.homelab.observer.common.error.ApiException;
import io.homelab.observer.common.wire.ImagePullRequest;
import io.homelab.observer.common.wire.ImagePullResult;
import io.homelab.observer.common.wire.ImageSummary;
import io.homelab.observer.common.wire.PruneResult;
import io.homelab.observer.common.wire.PullProgress;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** {@code /api/images}: list, pull, pull with progress (SSE), remove, prune. */
@Path("/api/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {

  private final ImageService images;

  public ImageResource(ImageService images) {
    this.images = images;
  }

  @GET
  public List<ImageSummary> list() {
    return images.list();
  }

  /** Pulls and answers when done, as Docker's {@code POST /images/create}. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public ImagePullResult pull(ImagePullRequest request) {
    return images.pull(image(request));
  }

  /**
   * Pulls with one SSE event per Docker progress message; a failed pull ends with an error event.
   */
  @POST
  @Path("/pull")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public Multi<PullProgress> pullWithProgress(ImagePullRequest request) {
    String ref = ImageService.checkRef(image(request));
    return Multi.createFrom()
        .<PullProgress>emitter(
            em -> {
              var handle =
                  images.pullAsync(
                      ref,
                      em::emit,
                      failure -> {
                        if (failure != null) {
                          em.emit(
                              new PullProgress(
                                  null,
                                  "failed",
                                  null,
                                  null,
                                  failure.getMessage() == null
                                      ? "pull failed"
                                      : failure.getMessage()));
                        }
                        em.complete();
                      });
              em.onTermination(
                  () -> {
                    try {
                      handle.close();
                    } catch (java.io.IOException ignored) {
                      // The pull already ended.
                    }
                  });
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  @DELETE
  @Path("/{id: .+}")
  public void remove(@RestPath String id, @RestQuery boolean force) {
    images.remove(id, force);
  }

  @POST
  @Path("/prune")
  public PruneResult prune(@RestQuery boolean all, @RestQuery String label) {
    return images.prune(all, label);
  }

  private static String image(ImagePullRequest request) {
    if (request == null || request.image() == null || request.image().isBlank()) {
      throw ApiException.badRequest("body must be {\"image\":\"repository[:tag]\"}");
    }
    return request.image();
  }
}
