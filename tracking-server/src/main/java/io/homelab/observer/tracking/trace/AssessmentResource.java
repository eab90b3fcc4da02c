package io.homelab.observer.tracking.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.homelab.observer.tracking.wire.MlflowJson;
import io.homelab.observer.tracking.wire.RequestReader;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.jboss.resteasy.reactive.RestPath;

/** MLflow 3's assessment routes, {@code /api/3.0/mlflow/traces/{trace_id}/assessments[/{id}]}. */
@Path(TraceResource.PREFIX + "/traces/{traceId}/assessments")
@Produces(MediaType.APPLICATION_JSON)
public class AssessmentResource {

  @MlflowJson
  @RegisterForReflection
  record One(JsonNode assessment) {}

  @MlflowJson
  @RegisterForReflection
  record Update(JsonNode assessment, String updateMask) {}

  private final AssessmentService assessments;
  private final RequestReader reader;

  public AssessmentResource(AssessmentService assessments, RequestReader reader) {
    this.assessments = assessments;
    this.reader = reader;
  }

  @POST
  public One create(@RestPath String traceId, String body) {
    One req = reader.body(body, One.class);
    return new One(assessments.create(traceId, object(req.assessment())));
  }

  @GET
  @Path("{assessmentId}")
  public One get(@RestPath String traceId, @RestPath String assessmentId) {
    return new One(assessments.get(traceId, assessmentId));
  }

  @PATCH
  @Path("{assessmentId}")
  public One update(@RestPath String traceId, @RestPath String assessmentId, String body) {
    Update req = reader.body(body, Update.class);
    return new One(
        assessments.update(traceId, assessmentId, object(req.assessment()), req.updateMask()));
  }

  @DELETE
  @Path("{assessmentId}")
  public Map<String, Object> delete(@RestPath String traceId, @RestPath String assessmentId) {
    assessments.delete(traceId, assessmentId);
    return Map.of();
  }

  private static ObjectNode object(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!(node instanceof ObjectNode o)) {
      throw io.homelab.observer.tracking.error.MlflowException.invalid(
          "Invalid value for parameter 'assessment' supplied: expected an object.");
    }
    return o;
  }
}
